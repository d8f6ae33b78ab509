package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * One pre-LayerNorm transformer block: {@code x + attention(norm(x))}, then {@code x +
 * feedForward(norm(x))} with a GELU between the two linear layers, dropout on both branches.
 */
final class TransformerLayer extends MaskedBlock {

  private static final byte VERSION = 1;

  private final int width;
  private final int feedForward;
  private final float dropout;
  private final LayerNorm attentionNorm;
  private final SelfAttention attention;
  private final LayerNorm feedForwardNorm;
  private final Linear expand;
  private final Linear contract;

  TransformerLayer(TransformerConfig config) {
    super(VERSION);
    this.width = config.dModel();
    this.feedForward = config.feedForward();
    this.dropout = config.dropout();
    this.attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(1).build());
    this.attention = addChildBlock("attention", new SelfAttention(config.dModel(), config.heads()));
    this.feedForwardNorm = addChildBlock("ff_norm", LayerNorm.builder().axis(1).build());
    this.expand =
        addChildBlock("ff_expand", Linear.builder().setUnits(config.feedForward()).build());
    this.contract = addChildBlock("ff_contract", Linear.builder().setUnits(width).build());
  }

  /** The linear layers that write into the residual stream. */
  List<Linear> residualProjections() {
    return List.of(attention.projection(), contract);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape row = new Shape(1, width);
    attentionNorm.initialize(manager, dataType, row);
    attention.initialize(manager, dataType, new Shape(1, 1, width));
    feedForwardNorm.initialize(manager, dataType, row);
    expand.initialize(manager, dataType, row);
    contract.initialize(manager, dataType, new Shape(1, feedForward));
  }

  @Override
  NDArray forwardMasked(ParameterStore store, NDArray x, NDArray mask, boolean training) {
    return apply(store, x, mask, training, null, -1, null);
  }

  /**
   * Applies the block to {@code x} (batch, positions, width); see {@link SelfAttention#attend} for
   * the mask, cache and weights.
   */
  NDArray apply(
      ParameterStore store,
      NDArray x,
      NDArray mask,
      boolean training,
      KvCache cache,
      int layer,
      List<NDArray> weights) {
    NDArray normed = attentionNorm.forward(store, new NDList(x), training).head();
    NDArray attended =
        attention.attend(store, normed, mask, training, dropout, cache, layer, weights);
    NDArray h = x.add(drop(attended, training));
    NDArray inner =
        expand
            .forward(store, feedForwardNorm.forward(store, new NDList(h), training), training)
            .head();
    NDArray out = contract.forward(store, new NDList(Activation.gelu(inner)), training).head();
    return h.add(drop(out, training));
  }

  private NDArray drop(NDArray x, boolean training) {
    return training && dropout > 0 ? Dropout.dropout(x, dropout, true).head() : x;
  }
}
