package dev.zoo.api;

import java.nio.file.Path;

/**
 * What {@code zoo attention} asks of a checkpoint: draw the attention weights of each head of one
 * layer over a prompt.
 *
 * @param checkpoint a run directory or checkpoint directory
 * @param prompt the text whose attention is drawn
 * @param layer the layer, counted from 1, or null for the last
 * @param out the PNG file to write, or null for {@code attention.png} in the working directory
 */
public record AttentionRequest(Path checkpoint, String prompt, Integer layer, Path out) {

  /** Checks the values that are wrong for every model. */
  public AttentionRequest {
    if (checkpoint == null) {
      throw new ZooException("A checkpoint is needed (--checkpoint DIR).");
    }
    if (prompt == null || prompt.isEmpty()) {
      throw new ZooException("A prompt is needed (--prompt TEXT).");
    }
    if (layer != null && layer <= 0) {
      throw new ZooException("Layers are counted from 1, not " + layer + ".");
    }
  }
}
