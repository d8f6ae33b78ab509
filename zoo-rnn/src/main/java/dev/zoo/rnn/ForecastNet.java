package dev.zoo.rnn;

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
 * A sequence-to-values forecaster: a {@link RecurrentStack} of LSTM layers reads a window {@code
 * (batch, window, features)}, and a linear head maps its last hidden state to the next {@code
 * horizon} values {@code (batch, horizon)}.
 */
final class ForecastNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int hidden;
  private final RecurrentStack stack;
  private final Linear head;

  ForecastNet(int hidden, int layers, float dropRate, int horizon) {
    super(VERSION);
    this.hidden = hidden;
    this.stack =
        addChildBlock(
            "stack", new RecurrentStack(RecurrentStack.Cell.LSTM, hidden, layers, dropRate));
    this.head = addChildBlock("head", Linear.builder().setUnits(horizon).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    long window = inputs.head().getShape().get(1);
    NDArray sequence = stack.forward(store, new NDList(inputs.head()), training).head();
    NDArray last = sequence.get(":, " + (window - 1) + ", :");
    return head.forward(store, new NDList(last), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return head.getOutputShapes(new Shape[] {new Shape(inputs[0].get(0), hidden)});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    stack.initialize(manager, dataType, inputs[0]);
    head.initialize(manager, dataType, new Shape(inputs[0].get(0), hidden));
  }
}
