package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of LSTM or GRU layers with dropout between them, batch first.
 *
 * <p>Input: a sequence {@code (batch, time, features)} followed by the state of each layer in turn
 * ({@code h}, and {@code c} for an LSTM, each {@code (1, batch, hidden)}), or nothing for a zero
 * state. Output: the last layer's sequence {@code (batch, time, hidden)} followed by every layer's
 * state after the last step, in the same order, so a caller can carry it forward.
 *
 * <p>It holds one block per layer rather than one multi-layer block: DJL hands MXNet a multi-layer
 * block's parameters in another order than MXNet reads them, so only single layers mean the same on
 * both engines and a checkpoint moves between them.
 */
final class RecurrentStack extends AbstractBlock {

  private static final byte VERSION = 1;

  /** The recurrent cell type. */
  enum Cell {
    LSTM,
    GRU
  }

  private final Cell cell;
  private final int hidden;
  private final int statesPerLayer;
  private final List<RecurrentBlock> layers = new ArrayList<>();
  private final Dropout dropout;

  RecurrentStack(Cell cell, int hidden, int layerCount, float dropRate) {
    super(VERSION);
    this.cell = cell;
    this.hidden = hidden;
    this.statesPerLayer = cell == Cell.LSTM ? 2 : 1;
    for (int i = 0; i < layerCount; i++) {
      layers.add(addChildBlock(cell.name() + "_" + i, layer(cell, hidden)));
    }
    this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropRate).build());
  }

  private static RecurrentBlock layer(Cell cell, int hidden) {
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

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList state = new NDList();
    NDArray sequence = inputs.head();
    for (int layer = 0; layer < layers.size(); layer++) {
      if (layer > 0) {
        sequence = dropout.forward(store, new NDList(sequence), training).head();
      }
      NDList in = new NDList(sequence);
      int first = 1 + layer * statesPerLayer;
      if (inputs.size() > first) {
        in.addAll(inputs.subNDList(first, first + statesPerLayer));
      }
      boolean oneStep = !training && sequence.getShape().get(1) == 1 && in.size() > 1;
      NDList out =
          oneStep
              ? RecurrentStep.step(cell, layers.get(layer), store, sequence, in.subNDList(1))
              : layers.get(layer).forward(store, in, training);
      sequence = out.head();
      state.addAll(out.subNDList(1, 1 + statesPerLayer));
    }
    NDList result = new NDList(sequence);
    result.addAll(state);
    return result;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape in = inputs[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), hidden)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    Shape in = inputs[0];
    long width = in.get(2);
    for (RecurrentBlock layer : layers) {
      layer.initialize(
          manager, dataType, new Shape(new long[] {in.get(0), in.get(1), width}, "NTC"));
      width = hidden;
    }
    dropout.initialize(manager, dataType, new Shape(in.get(0), in.get(1), hidden));
  }
}
