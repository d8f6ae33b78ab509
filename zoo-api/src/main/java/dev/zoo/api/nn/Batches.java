package dev.zoo.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/** Turns a reused host buffer of examples into a batch array. */
public final class Batches {

  private Batches() {}

  /**
   * A float32 array of {@code shape} in {@code scope} from the first {@code shape.size()} values of
   * {@code values} (a buffer sized for the largest batch), e.g. {@code (N, 1, 28, 28)} images.
   */
  public static NDArray of(NDManager scope, float[] values, Shape shape) {
    return scope.create(FloatBuffer.wrap(values, 0, (int) shape.size()), shape, DataType.FLOAT32);
  }
}
