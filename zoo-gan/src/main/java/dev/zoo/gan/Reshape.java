package dev.zoo.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Reshapes each example to a fixed shape, keeping the batch axis. Unlike DJL's lambda blocks it
 * computes its output shape without running an array on DJL's default engine, so a model on PyTorch
 * does not load MXNet's natives as well.
 */
final class Reshape extends AbstractBlock {

  private final long[] example;

  /** Reshapes each example to {@code example} (no batch axis); one empty array flattens. */
  Reshape(long... example) {
    super((byte) 1);
    this.example = example;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(inputs.singletonOrThrow().reshape(outputShape(inputs.head().getShape())));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {outputShape(inputShapes[0])};
  }

  private Shape outputShape(Shape in) {
    long batch = in.get(0);
    if (example.length == 0) {
      return new Shape(batch, in.size() / Math.max(1, batch));
    }
    long[] dims = new long[example.length + 1];
    dims[0] = batch;
    System.arraycopy(example, 0, dims, 1, example.length);
    return new Shape(dims);
  }
}
