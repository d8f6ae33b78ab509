package dev.zoo.transformer;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;

/**
 * The shape of a transformer (Vaswani et al., "Attention Is All You Need", 2017, in the GPT-2
 * arrangement of Radford et al., 2019): layers, heads, model width {@code d_model}, feed-forward
 * width {@code d_ff}, context length, dropout and vocabulary size.
 *
 * @param layers the number of blocks, at least 1
 * @param heads attention heads per block, at least 1
 * @param dModel the model (embedding) width {@code d_model}, a multiple of {@code heads}
 * @param feedForward the inner width {@code d_ff} of each block's feed-forward network
 * @param context the longest sequence the model takes in tokens (learned positions)
 * @param dropout the dropout rate in training, in [0, 1)
 * @param vocabulary the number of tokens
 */
public record TransformerConfig(
    int layers,
    int heads,
    int dModel,
    int feedForward,
    int context,
    float dropout,
    int vocabulary) {

  /**
   * Checks the values, one sentence per problem.
   *
   * @throws InvalidSettingException naming the first value no transformer can have
   */
  public TransformerConfig {
    positive("layers", layers);
    positive("heads", heads);
    positive("d_model", dModel);
    positive("d_ff", feedForward);
    positive("context", context);
    positive("vocabulary size", vocabulary);
    if (dModel % heads != 0) {
      throw new InvalidSettingException(
          "The d_model ("
              + dModel
              + ") must be a multiple of the number of heads ("
              + heads
              + ").");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new InvalidSettingException("Dropout must be in [0, 1), not " + dropout + ".");
    }
  }

  /**
   * The shape named by a variant's hyper-parameters, for a vocabulary of {@code vocabulary}.
   *
   * @throws InvalidSettingException for a shape no transformer can have
   */
  public static TransformerConfig of(Hyperparameters hp, int vocabulary) {
    return new TransformerConfig(
        hp.getInt("layers"),
        hp.getInt("heads"),
        hp.getInt("d_model"),
        hp.getInt("d_ff"),
        hp.getInt("context"),
        (float) hp.getDouble("dropout"),
        vocabulary);
  }

  /**
   * Checks the shape hyper-parameters before any data is read or tokenizer learned.
   *
   * @throws InvalidSettingException for a shape no transformer can have
   */
  public static void check(Hyperparameters hp) {
    of(hp, 1);
  }

  /** The width of one head, {@code d_model / heads}. */
  public int headWidth() {
    return dModel / heads;
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new InvalidSettingException(
          "The " + name + " of a transformer must be a positive number, not " + value + ".");
    }
  }
}
