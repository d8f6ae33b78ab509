package dev.zoo.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The array arithmetic of {@link UpConv2d}'s polyphase form that needs no block state. */
final class PolyphaseArrays {

  /** Serialises MXNet's matrix products; see {@link #selectTaps}. */
  private static final Object MXNET_MATMUL = new Object();

  private PolyphaseArrays() {}

  /** The 0/1 matrix that gathers the phases' sub-kernels from the flattened kernel. */
  static float[] selection(int k, int s, int lead, int first, int t) {
    int cols = s * s * t * t;
    float[] m = new float[k * k * cols];
    for (int ry = 0; ry < s; ry++) {
      for (int rx = 0; rx < s; rx++) {
        for (int qy = 0; qy < t; qy++) {
          int u = s * (qy + first) + lead - ry;
          for (int qx = 0; qx < t; qx++) {
            int v = s * (qx + first) + lead - rx;
            if (u >= 0 && u < k && v >= 0 && v < k) {
              m[(u * k + v) * cols + ((ry * s + rx) * t + qy) * t + qx] = 1f;
            }
          }
        }
      }
    }
    return m;
  }

  /** Adds {@code before} and {@code after} zeros along {@code axis} (either may be 0 or less). */
  static NDArray padAxis(NDArray x, int axis, long before, long after) {
    NDArray out = x;
    if (before > 0) {
      out = zeros(x, axis, before).concat(out, axis);
    }
    if (after > 0) {
      out = out.concat(zeros(x, axis, after), axis);
    }
    return out;
  }

  private static NDArray zeros(NDArray like, int axis, long size) {
    long[] dims = like.getShape().getShape().clone();
    dims[axis] = size;
    return like.getManager().zeros(new Shape(dims), like.getDataType(), like.getDevice());
  }

  /**
   * {@code flat.matMul(pick)}, one call at a time on MXNet: MXNet 1.9's matrix product, entered
   * from several threads at once with more than one OpenMP thread, never returned (eight threads
   * sampling one VAE hung for minutes in it), while its convolutions and dense layers run
   * concurrently without trouble.
   */
  static NDArray selectTaps(NDArray flat, NDArray pick) {
    if (!"MXNet".equals(flat.getManager().getEngine().getEngineName())) {
      return flat.matMul(pick);
    }
    synchronized (MXNET_MATMUL) {
      return flat.matMul(pick);
    }
  }
}
