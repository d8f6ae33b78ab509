package dev.zoo.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic of an array with a scalar that stays correct under automatic differentiation on every
 * engine. Use these instead of {@code NDArray.mul(Number)}, {@code div(Number)}, {@code
 * pow(Number)}, {@code maximum(Number)} and {@code minimum(Number)} wherever a gradient may flow.
 *
 * <p>Why: DJL's PyTorch engine (0.35) computes {@code x.mul(0.5f)} by wrapping the scalar in a
 * tensor that points into a Java direct buffer ({@code torch::from_blob}, no copy) and closes that
 * tensor as soon as the product is made. PyTorch's autograd keeps the scalar tensor for the
 * backward pass (the gradient of {@code x * c} is {@code c}; of {@code max(x, c)} a mask comparing
 * with {@code c}), and once the garbage collector frees the buffer the backward pass reads freed
 * memory: gradients become wrong at random steps (a character GPT trained with the same seed ended
 * 0.02 to 0.13 bits per character apart, or with a NaN loss, in 4 of 10 runs). Here the scalar is
 * made by the engine itself ({@code NDManager.full}), so its storage belongs to the native library
 * and lives as long as anything refers to it.
 */
public final class Scalars {

  private Scalars() {}

  /** {@code x * c} element-wise, same shape and data type as {@code x}. */
  public static NDArray mul(NDArray x, float c) {
    try (NDArray scalar = of(x, c)) {
      return x.mul(scalar);
    }
  }

  /** {@code max(x, c)} element-wise, same shape and data type as {@code x}. */
  public static NDArray maximum(NDArray x, float c) {
    try (NDArray scalar = of(x, c)) {
      return x.maximum(scalar);
    }
  }

  /** A 0-d array holding {@code c}, in {@code like}'s manager, data type and device. */
  private static NDArray of(NDArray like, float c) {
    return like.getManager().full(new Shape(), c, like.getDataType(), like.getDevice());
  }
}
