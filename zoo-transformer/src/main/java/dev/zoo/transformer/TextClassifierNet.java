package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A bidirectional transformer encoder (no causal mask; padding masked out) whose hidden states are
 * averaged over the real tokens and mapped to class logits.
 */
final class TextClassifierNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final TransformerNet encoder;
  private final Linear head;
  private final int width;
  private final int classes;

  TextClassifierNet(TransformerConfig config, int classes) {
    super(VERSION);
    this.width = config.dModel();
    this.classes = classes;
    this.encoder = addChildBlock("encoder", new TransformerNet(config));
    this.head = addChildBlock("head", Linear.builder().setUnits(classes).build());
  }

  void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, encoder.config().context()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    encoder.initialize(manager);
    head.initialize(manager, dataType, new Shape(1, width));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(logits(store, inputs.get(0), inputs.get(1), training));
  }

  /**
   * Class logits (batch, classes) of {@code tokens} (batch, positions; int32) whose {@code mask}
   * (batch, positions; float) is 1 for real tokens and 0 for padding.
   */
  NDArray logits(ParameterStore store, NDArray tokens, NDArray mask, boolean training) {
    NDArray hidden = encoder.hidden(store, tokens, false, mask, training, null, null);
    long batch = tokens.getShape().get(0);
    long positions = tokens.getShape().get(1);
    NDArray weights = mask.reshape(batch, positions, 1);
    NDArray pooled = hidden.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
    return head.forward(store, new NDList(pooled), training).head();
  }
}
