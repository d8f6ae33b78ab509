package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A character-level recurrent language model: embedding, a stack of LSTM or GRU layers with dropout
 * between them, dropout, and a linear head over the vocabulary.
 *
 * <p>Input: token indices {@code (batch, time)} followed by the recurrent state of each layer in
 * turn ({@code h}, and {@code c} for an LSTM, each {@code (1, batch, hidden)}), or nothing for a
 * zero state. Output: logits {@code (batch, time, vocabulary)} followed by the state after the last
 * step, so generation can carry it forward.
 */
final class CharRnnNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int vocabulary;
  private final int embedding;
  private final int hidden;
  private final int statesPerLayer;
  private final Parameter table;
  private final List<RecurrentBlock> layers = new ArrayList<>();
  private final Dropout dropout;
  private final Linear head;

  CharRnnNet(Cell cell, int vocabulary, int embedding, int hidden, int layerCount, float dropRate) {
    super(VERSION);
    this.vocabulary = vocabulary;
    this.embedding = embedding;
    this.hidden = hidden;
    this.table =
        addParameter(
            Parameter.builder()
                .setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, embedding))
                .build());
    this.statesPerLayer = cell == Cell.LSTM ? 2 : 1;
    // One block per layer rather than one multi-layer block: DJL hands MXNet a multi-layer
    // block's parameters in another order than MXNet reads them, so only single layers mean the
    // same on both engines and a checkpoint moves between them.
    for (int i = 0; i < layerCount; i++) {
      layers.add(addChildBlock(cell.name() + "_" + i, recurrentLayer(cell, hidden)));
    }
    this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropRate).build());
    this.head = addChildBlock("head", Linear.builder().setUnits(vocabulary).build());
  }

  private static RecurrentBlock recurrentLayer(Cell cell, int hidden) {
    return cell == Cell.GRU
        ? GRU.builder()
            .setStateSize(hidden)
            .setNumLayers(1)
            .optBatchFirst(true)
            .optReturnState(true)
            .build()
        : LSTM.builder()
            .setStateSize(hidden)
            .setNumLayers(1)
            .optBatchFirst(true)
            .optReturnState(true)
            .build();
  }

  /** The number of state arrays per layer: 2 for an LSTM (h, c), 1 for a GRU (h). */
  int statesPerLayer() {
    return statesPerLayer;
  }

  /** The recurrent cell type. */
  enum Cell {
    LSTM,
    GRU
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.head();
    long batch = tokens.getShape().get(0);
    long time = tokens.getShape().get(1);
    NDArray weight = store.getValue(table, tokens.getDevice(), training);
    NDArray x = Embedding.embedding(tokens, weight, SparseFormat.DENSE).head();
    NDList state = new NDList();
    NDArray sequence = x;
    for (int layer = 0; layer < layers.size(); layer++) {
      if (layer > 0) {
        sequence = dropout.forward(store, new NDList(sequence), training).head();
      }
      NDList in = new NDList(sequence);
      int first = 1 + layer * statesPerLayer;
      if (inputs.size() > first) {
        in.addAll(inputs.subNDList(first, first + statesPerLayer));
      }
      NDList out = layers.get(layer).forward(store, in, training);
      sequence = out.head();
      state.addAll(out.subNDList(1, 1 + statesPerLayer));
    }
    NDArray features = dropout.forward(store, new NDList(sequence), training).head();
    NDArray logits =
        head.forward(store, new NDList(features.reshape(batch * time, hidden)), training)
            .head()
            .reshape(batch, time, vocabulary);
    NDList result = new NDList(logits);
    result.addAll(state);
    return result;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape tokens = inputs[0];
    return new Shape[] {new Shape(tokens.get(0), tokens.get(1), vocabulary)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    Shape tokens = inputs[0];
    long width = embedding;
    for (RecurrentBlock layer : layers) {
      layer.initialize(
          manager, dataType, new Shape(new long[] {tokens.get(0), tokens.get(1), width}, "NTC"));
      width = hidden;
    }
    Shape features = new Shape(tokens.get(0), tokens.get(1), hidden);
    dropout.initialize(manager, dataType, features);
    head.initialize(manager, dataType, new Shape(tokens.get(0) * tokens.get(1), hidden));
  }
}
