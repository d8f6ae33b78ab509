package dev.zoo.transformer;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;

/**
 * The shape of a transformer: layers, heads, model width, feed-forward width, context length,
 * dropout and vocabulary size.
 *
 * @param layers the number of blocks
 * @param heads attention heads per block
 * @param width the model (embedding) width, a multiple of {@code heads}
 * @param feedForward the inner width of each block's feed-forward network
 * @param context the longest sequence the model takes (learned positions)
 * @param dropout the dropout rate in training, in [0, 1)
 * @param vocabulary the number of tokens
 */
public record TransformerConfig(
    int layers, int heads, int width, int feedForward, int context, float dropout, int vocabulary) {

  /** Checks the values, one sentence per problem. */
  public TransformerConfig {
    positive("layers", layers);
    positive("heads", heads);
    positive("width", width);
    positive("ff", feedForward);
    positive("context", context);
    positive("vocabulary size", vocabulary);
    if (width % heads != 0) {
      throw new ZooException(
          "The width (" + width + ") must be a multiple of the number of heads (" + heads + ").");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ZooException("Dropout must be in [0, 1), not " + dropout + ".");
    }
  }

  /** The shape named by a variant's hyper-parameters, for a vocabulary of {@code vocabulary}. */
  public static TransformerConfig of(Hyperparameters hp, int vocabulary) {
    return new TransformerConfig(
        hp.getInt("layers"),
        hp.getInt("heads"),
        hp.getInt("width"),
        hp.getInt("ff"),
        hp.getInt("context"),
        (float) hp.getDouble("dropout"),
        vocabulary);
  }

  /** The width of one head. */
  public int headWidth() {
    return width / heads;
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new ZooException(
          "The " + name + " of a transformer must be a positive number, not " + value + ".");
    }
  }
}
