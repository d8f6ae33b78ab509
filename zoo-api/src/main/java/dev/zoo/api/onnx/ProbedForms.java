package dev.zoo.api.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.zoo.api.common.InvalidSettingException;
import java.util.Map;

/**
 * The ONNX form of a block without parameters: a DJL {@code LambdaBlock}, or a family's own reshape
 * or depth-to-space. DJL keeps a lambda's function and its settings (a pooling kernel, a leak)
 * inside a closure, so the form is found from what the block did to the probe batch: each candidate
 * is computed with DJL on the probe's input and taken only when it gives the block's output (within
 * 1e-5): element-wise ReLU, sigmoid, tanh and leaky ReLU (its slope read from the negative inputs),
 * the identity, max-pooling with a square kernel equal to its stride (the kernel read from the
 * shapes), global average pooling, depth-to-space in ONNX's CRD order (the sub-pixel rearrangement
 * of Shi et al., 2016, arXiv:1609.05158), and a reshape that keeps the batch axis and the order of
 * the values (DJL's {@code batchFlatten}, a decoder's un-flatten).
 */
final class ProbedForms {

  private static final float TOLERANCE = 1e-5f;

  private ProbedForms() {}

  /**
   * Adds the nodes of the parameterless block {@code name} that took {@code in} to {@code out};
   * returns the output tensor's name.
   *
   * @throws InvalidSettingException when no candidate gives the block's output
   */
  static String translate(String name, OnnxGraph graph, BlockWalker.Step in, NDArray out) {
    NDArray x = in.probe();
    String tensor = in.tensor();
    Shape inShape = x.getShape();
    Shape outShape = out.getShape();
    if (inShape.equals(outShape)) {
      if (same(x, out)) {
        return tensor;
      }
      if (same(Activation.relu(x), out)) {
        return graph.node("Relu", tensor);
      }
      if (same(Activation.sigmoid(x), out)) {
        return graph.node("Sigmoid", tensor);
      }
      if (same(Activation.tanh(x), out)) {
        return graph.node("Tanh", tensor);
      }
      float alpha = leak(x, out);
      if (!Float.isNaN(alpha) && same(Activation.leakyRelu(x, alpha), out)) {
        return graph.node("LeakyRelu", Map.of("alpha", alpha), tensor);
      }
    }
    if (inShape.dimension() == 4 && outShape.dimension() == 4) {
      int k = poolKernel(inShape, outShape);
      if (k > 0) {
        Shape kernel = new Shape(k, k);
        if (same(Pool.maxPool2d(x, kernel, kernel, new Shape(0, 0), false), out)) {
          long[] kk = {k, k};
          return graph.node(
              "MaxPool", Map.of("kernel_shape", kk, "strides", kk, "pads", new long[4]), tensor);
        }
      }
    }
    int b = depthToSpaceBlock(inShape, outShape);
    if (b > 1 && same(depthToSpace(x, b), out)) {
      return graph.node("DepthToSpace", Map.of("blocksize", (long) b, "mode", "CRD"), tensor);
    }
    if (inShape.dimension() == 4 && same(Pool.globalAvgPool2d(x), out)) {
      String pooled = graph.node("GlobalAveragePool", tensor);
      return outShape.dimension() == 2 ? graph.node("Flatten", Map.of("axis", 1L), pooled) : pooled;
    }
    if (inShape.size() == outShape.size()
        && inShape.get(0) == outShape.get(0)
        && same(x.reshape(outShape), out)) {
      long[] dims = outShape.getShape().clone();
      dims[0] = -1;
      return graph.node("Reshape", tensor, graph.longs("shape", dims));
    }
    throw new InvalidSettingException(
        "The ONNX export has no form for the layer '"
            + name
            + "' that maps "
            + inShape
            + " to "
            + outShape
            + ".");
  }

  /** Whether two probe arrays agree within the tolerance. */
  static boolean same(NDArray a, NDArray b) {
    return a.getShape().equals(b.getShape()) && a.allClose(b, TOLERANCE, TOLERANCE, false);
  }

  /** The slope of {@code out} over the negative values of {@code x}, or NaN. */
  private static float leak(NDArray x, NDArray out) {
    float[] xs = x.toFloatArray();
    float[] ys = out.toFloatArray();
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] < -0.1f) {
        return ys[i] / xs[i];
      }
    }
    return Float.NaN;
  }

  /** The block size that rearranges {@code in}'s channels into {@code out}'s pixels, or 0. */
  private static int depthToSpaceBlock(Shape in, Shape out) {
    if (in.dimension() != 4 || out.dimension() != 4 || out.get(2) % in.get(2) != 0) {
      return 0;
    }
    long b = out.get(2) / in.get(2);
    boolean fits =
        out.get(3) == in.get(3) * b && in.get(1) == out.get(1) * b * b && in.get(0) == out.get(0);
    return fits ? (int) b : 0;
  }

  /** ONNX's {@code DepthToSpace} in CRD mode, computed with DJL. */
  private static NDArray depthToSpace(NDArray x, int b) {
    Shape s = x.getShape();
    long c = s.get(1) / (b * b);
    return x.reshape(s.get(0), c, b, b, s.get(2), s.get(3))
        .transpose(0, 1, 4, 2, 5, 3)
        .reshape(s.get(0), c, s.get(2) * b, s.get(3) * b);
  }

  /** The square kernel (= stride) that pools {@code in} to {@code out}, or 0 when none does. */
  private static int poolKernel(Shape in, Shape out) {
    if (in.get(0) != out.get(0) || in.get(1) != out.get(1)) {
      return 0;
    }
    for (int k = 1; k <= in.get(2); k++) {
      if (in.get(2) / k == out.get(2) && in.get(3) / k == out.get(3)) {
        return k;
      }
    }
    return 0;
  }
}
