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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A character-level recurrent language model: embedding, a {@link RecurrentStack} of LSTM or GRU
 * layers, dropout, and a linear head over the vocabulary.
 *
 * <p>Input: token indices {@code (batch, time)} followed by the stack's state, or nothing for a
 * zero state. Output: logits {@code (batch, time, vocabulary)} followed by the state after the last
 * step, so generation can carry it forward.
 */
final class CharRnnNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int vocabulary;
  private final int embedding;
  private final int hidden;
  private final Parameter table;
  private final RecurrentStack stack;
  private final Dropout dropout;
  private final Linear head;

  CharRnnNet(
      RecurrentStack.Cell cell,
      int vocabulary,
      int embedding,
      int hidden,
      int layers,
      float dropRate) {
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
    this.stack = addChildBlock("stack", new RecurrentStack(cell, hidden, layers, dropRate));
    this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropRate).build());
    this.head = addChildBlock("head", Linear.builder().setUnits(vocabulary).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.head();
    long batch = tokens.getShape().get(0);
    long time = tokens.getShape().get(1);
    NDArray weight = store.getValue(table, tokens.getDevice(), training);
    NDList in = new NDList(Embedding.embedding(tokens, weight, SparseFormat.DENSE).head());
    in.addAll(inputs.subNDList(1));
    NDList out = stack.forward(store, in, training);
    NDArray features = dropout.forward(store, new NDList(out.head()), training).head();
    NDArray logits =
        head.forward(store, new NDList(features.reshape(batch * time, hidden)), training)
            .head()
            .reshape(batch, time, vocabulary);
    NDList result = new NDList(logits);
    result.addAll(out.subNDList(1));
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
    stack.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), embedding));
    dropout.initialize(manager, dataType, new Shape(tokens.get(0), tokens.get(1), hidden));
    head.initialize(manager, dataType, new Shape(tokens.get(0) * tokens.get(1), hidden));
  }
}
