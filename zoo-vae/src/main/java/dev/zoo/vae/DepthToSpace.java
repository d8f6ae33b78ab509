package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Rearranges {@code (N, C r r, H, W)} into {@code (N, C, r H, r W)}: channel {@code c r r + i r +
 * j} becomes the pixel at offset (i, j) of each r x r cell. After a convolution this is a sub-pixel
 * convolution, which up-samples like a transposed convolution at a fraction of its cost when the
 * output has few channels (a convolution to one channel at full size is slow on every engine).
 */
final class DepthToSpace extends AbstractBlock {

  private final int factor;

  DepthToSpace(int factor) {
    this.factor = factor;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape out = getOutputShapes(new Shape[] {x.getShape()})[0];
    long n = x.getShape().get(0);
    long c = out.get(1);
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray cells = x.reshape(n * c, factor, factor, h, w).transpose(0, 3, 1, 4, 2);
    return new NDList(cells.reshape(out));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {
      new Shape(in.get(0), in.get(1) / (factor * factor), in.get(2) * factor, in.get(3) * factor)
    };
  }
}
