package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.zoo.api.nn.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of transformer blocks over token and learned position embeddings, with a final LayerNorm.
 * As a language model its output layer is the token embedding itself (weight tying): logits =
 * hidden x embedding^T.
 *
 * <p>Every array a forward pass creates belongs to the manager of the input tokens, never to the
 * model's, so a per-batch scope frees it.
 */
final class TransformerNet extends AbstractBlock {

  private static final byte VERSION = 1;
  private static final float INIT_STD = 0.02f;
  private static final float MASKED = -1e9f;

  private final TransformerConfig config;
  private final Parameter tokenEmbedding;
  private final Parameter positionEmbedding;
  private final List<TransformerLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  TransformerNet(TransformerConfig config) {
    super(VERSION);
    this.config = config;
    this.tokenEmbedding =
        addParameter(
            Parameter.builder()
                .setName("token_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabulary(), config.dModel()))
                .build());
    this.positionEmbedding =
        addParameter(
            Parameter.builder()
                .setName("position_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.context(), config.dModel()))
                .build());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer" + (i + 1), new TransformerLayer(config)));
    }
    this.finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(1).build());
    setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    // GPT-2's scaling: the projections into the residual stream start smaller with depth.
    NormalInitializer residual =
        new NormalInitializer(INIT_STD / (float) Math.sqrt(2.0 * config.layers()));
    for (TransformerLayer layer : layers) {
      for (Linear projection : layer.residualProjections()) {
        projection.setInitializer(residual, Parameter.Type.WEIGHT);
      }
    }
  }

  /** The shape of the network. */
  TransformerConfig config() {
    return config;
  }

  /** Initialises the parameters on {@code manager}. */
  void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, config.context()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    for (TransformerLayer layer : layers) {
      layer.initialize(manager, dataType, new Shape(1, 1, config.dModel()));
    }
    finalNorm.initialize(manager, dataType, new Shape(1, config.dModel()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), config.dModel())};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(logits(hidden(store, inputs.head(), true, null, training, null, null)));
  }

  /**
   * The final hidden states (batch, positions, width) of {@code tokens} (batch, positions; int32).
   *
   * @param causal whether each position sees only itself and earlier positions
   * @param keyMask when not null, (batch, positions) with 1 for real tokens and 0 for padding,
   *     which no position attends to
   * @param cache when not null, decoding state: the tokens continue the cached positions (the
   *     positions of a multi-token call must start an empty cache)
   * @param weights when not null, receives each layer's attention weights
   */
  NDArray hidden(
      ParameterStore store,
      NDArray tokens,
      boolean causal,
      NDArray keyMask,
      boolean training,
      KvCache cache,
      List<NDArray> weights) {
    NDManager scope = tokens.getManager();
    long batch = tokens.getShape().get(0);
    int positions = (int) tokens.getShape().get(1);
    int offset = cache == null ? 0 : cache.length();
    if (offset + positions > config.context()) {
      throw new IllegalArgumentException(
          "positions " + offset + "+" + positions + " exceed the context " + config.context());
    }
    NDArray tokenWeights = store.getValue(tokenEmbedding, tokens.getDevice(), training);
    NDArray positionWeights = store.getValue(positionEmbedding, tokens.getDevice(), training);
    NDArray index = scope.arange(offset, offset + positions, 1, DataType.INT32);
    NDArray x =
        embed(tokens, tokenWeights).add(embed(index, positionWeights).reshape(1, positions, -1));
    if (training && config.dropout() > 0) {
      x = Dropout.dropout(x, config.dropout(), true).head();
    }
    NDArray mask = null;
    if (causal && positions > 1) {
      NDArray r = scope.arange(positions).toType(DataType.FLOAT32, false);
      mask =
          Scalars.mul(
              r.reshape(positions, 1).lt(r.reshape(1, positions)).toType(DataType.FLOAT32, false),
              MASKED);
    }
    if (keyMask != null) {
      NDArray padding =
          Scalars.mul(keyMask.toType(DataType.FLOAT32, false).sub(1f), -MASKED)
              .reshape(batch, 1, 1, -1);
      mask = mask == null ? padding : mask.add(padding);
    }
    for (int i = 0; i < layers.size(); i++) {
      x = layers.get(i).apply(store, x, mask, training, cache, i, weights);
    }
    return finalNorm.forward(store, new NDList(x), training).head();
  }

  /** Next-token logits (…, vocabulary) from hidden states, through the tied embedding. */
  NDArray logits(NDArray hidden) {
    NDArray weights = tokenEmbedding.getArray();
    return Linear.linear(hidden, weights).head();
  }

  private static NDArray embed(NDArray indices, NDArray table) {
    return indices.getNDArrayInternal().embedding(indices, table, SparseFormat.DENSE).head();
  }
}
