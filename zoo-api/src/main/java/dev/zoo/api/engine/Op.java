package dev.zoo.api.engine;

/**
 * An operation a model family may need from an engine. Families declare the ones they use; the zoo
 * checks them against what an engine offers before it starts, instead of failing deep inside a
 * training run.
 */
public enum Op {
  /** Gradients and optimizer updates. */
  TRAINING("training"),
  LINEAR("linear layers"),
  CONV2D("2-D convolution"),
  CONV2D_TRANSPOSE("transposed 2-D convolution"),
  MAX_POOL("max pooling"),
  AVG_POOL("average pooling"),
  BATCH_NORM("batch normalisation"),
  LAYER_NORM("layer normalisation"),
  DROPOUT("dropout"),
  EMBEDDING("embedding"),
  LSTM("LSTM"),
  GRU("GRU"),
  INTERPOLATE("interpolation"),
  REPEAT("repeat along an axis"),
  BATCH_MATMUL("batched matrix multiply"),
  MEAN_TWO_AXES("mean over two axes at once"),
  GELU("GELU"),
  LEAKY_RELU("leaky ReLU"),
  ADAM_UPDATE("fused Adam update");

  private final String description;

  Op(String description) {
    this.description = description;
  }

  /** A short human-readable name, e.g. "transposed 2-D convolution". */
  public String description() {
    return description;
  }

  /** The lower-case name used in JSON and on the command line, e.g. {@code conv2d_transpose}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
