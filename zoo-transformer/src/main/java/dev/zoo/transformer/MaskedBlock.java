package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block over a sequence {@code (batch, positions, width)} that keeps its shape and takes an
 * optional additive attention mask as its second input: self-attention and the transformer layer.
 */
abstract class MaskedBlock extends AbstractBlock {

  /** A block whose parameters are saved with format {@code version}. */
  MaskedBlock(byte version) {
    super(version);
  }

  /** The output of {@code x}, with {@code mask} (or null) added to the attention scores. */
  abstract NDArray forwardMasked(ParameterStore store, NDArray x, NDArray mask, boolean training);

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
    return new NDList(forwardMasked(store, inputs.head(), mask, training));
  }
}
