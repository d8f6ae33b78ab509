package dev.zoo.api.pretrained;

import java.util.Map;

/**
 * A trained model shipped in a jar on the class path, with its model card: what it is, how it was
 * trained and what quality it reached on held-out data, measured by the command given. The weights
 * are an ordinary checkpoint folder (e.g. {@code model.json} and {@code model.params}) kept as
 * resources under {@link #resource()}, each file with its SHA-256, which {@link PretrainedModels}
 * checks before anything reads it.
 *
 * @param name the name users type, {@code DATA/VARIANT}, e.g. {@code fashion-mnist/simple-cnn}
 * @param family the family that loads it, e.g. {@code cnn}
 * @param variant the family's variant, e.g. {@code simple-cnn}
 * @param summary one sentence on what it does
 * @param resource the class-path folder of its checkpoint files, without a leading slash; empty for
 *     files at the root of a jar (as an imported model's jar may keep them)
 * @param files the checkpoint's file names mapped to their SHA-256 (64 lower-case hex digits)
 * @param parameters the number of trained parameters (weights and biases)
 * @param bytes the size of its checkpoint files in bytes
 * @param data the data it was trained on, and the held-out data its quality was measured on
 * @param budget its training budget in words, e.g. {@code 2 epochs of 60,000 images, batch 32}
 * @param trainingSeconds the wall time of its training on the machine {@link #trainedOn}
 * @param trainedOn the machine and engine it was trained on, e.g. {@code 2-core CPU, pytorch}
 * @param quality its quality on held-out data by the figure's name in {@code zoo eval --json}, e.g.
 *     {@code accuracy: 0.9}
 * @param measuredBy the command that measured {@link #quality}, which reproduces it
 * @param licence the licence of the weights and of the data they were trained on
 */
public record PretrainedModel(
    String name,
    String family,
    String variant,
    String summary,
    String resource,
    Map<String, String> files,
    long parameters,
    long bytes,
    String data,
    String budget,
    double trainingSeconds,
    String trainedOn,
    Map<String, Double> quality,
    String measuredBy,
    String licence) {

  /** Copies the maps, so that a card cannot change after it is read. */
  public PretrainedModel {
    files = files == null ? Map.of() : Map.copyOf(files);
    quality = quality == null ? Map.of() : Map.copyOf(quality);
  }
}
