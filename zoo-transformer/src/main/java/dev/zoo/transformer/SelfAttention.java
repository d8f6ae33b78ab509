package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.zoo.api.nn.Scalars;
import java.util.List;

/**
 * Multi-head self-attention written from tensor operations: one projection to queries, keys and
 * values, heads split by reshape and transpose, softmax(QK^T / sqrt(d_k)) V with an optional
 * additive mask, heads merged again and projected back to the model width.
 *
 * <p>The products use {@code matMul} on 4-D arrays, which batches over the leading axes on PyTorch
 * and MXNet alike (DJL's {@code batchMatMul} is missing on MXNet).
 */
final class SelfAttention extends MaskedBlock {

  private static final byte VERSION = 1;

  private final int width;
  private final int heads;
  private final Linear qkv;
  private final Linear projection;

  SelfAttention(int width, int heads) {
    super(VERSION);
    this.width = width;
    this.heads = heads;
    this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * width).build());
    this.projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
  }

  /** The output projection, whose initial scale depends on the depth of the network. */
  Linear projection() {
    return projection;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    qkv.initialize(manager, dataType, new Shape(1, width));
    projection.initialize(manager, dataType, new Shape(1, width));
  }

  @Override
  NDArray forwardMasked(ParameterStore store, NDArray x, NDArray mask, boolean training) {
    return attend(store, x, mask, training, 0f, null, -1, null);
  }

  /**
   * Attends over {@code x} (batch, positions, width).
   *
   * @param mask added to the scores, broadcast to (batch, heads, positions, keys), or null
   * @param dropout the dropout rate of the attention weights in training
   * @param cache when not null, the keys and values are appended to it and the queries attend over
   *     every cached position (then {@code mask} covers only the new positions' own keys)
   * @param layer the layer index in {@code cache}
   * @param weights when not null, receives the attention weights (batch, heads, positions, keys)
   * @return the attended values, (batch, positions, width)
   */
  NDArray attend(
      ParameterStore store,
      NDArray x,
      NDArray mask,
      boolean training,
      float dropout,
      KvCache cache,
      int layer,
      List<NDArray> weights) {
    long batch = x.getShape().get(0);
    long positions = x.getShape().get(1);
    NDList parts = qkv.forward(store, new NDList(x), training).head().split(3, 2);
    NDArray queries = splitHeads(parts.get(0), batch, positions);
    NDArray keys = splitHeads(parts.get(1), batch, positions);
    NDArray values = splitHeads(parts.get(2), batch, positions);
    if (cache != null) {
      NDArray[] all = cache.append(layer, keys, values);
      keys = all[0];
      values = all[1];
    }
    NDArray scores =
        Scalars.mul(
            queries.matMul(keys.transpose(0, 1, 3, 2)), 1f / (float) Math.sqrt(width / heads));
    if (mask != null) {
      scores = scores.add(mask);
    }
    NDArray attention = scores.softmax(-1);
    if (weights != null) {
      weights.add(attention);
    }
    if (training && dropout > 0) {
      attention = Dropout.dropout(attention, dropout, true).head();
    }
    NDArray merged =
        attention.matMul(values).transpose(0, 2, 1, 3).reshape(batch, positions, width);
    return projection.forward(store, new NDList(merged), training).head();
  }

  private NDArray splitHeads(NDArray x, long batch, long positions) {
    return x.reshape(batch, positions, heads, width / heads).transpose(0, 2, 1, 3);
  }
}
