package dev.zoo.api.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.zoo.api.common.InvalidDataException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Measures a next-token language model in bits per token (bits per character for a character model)
 * over windows of a {@link TokenWindows}: the mean cross-entropy of the true next token, divided by
 * ln 2. Each batch runs in its own sub-manager, closed before the next.
 */
public final class BitsPerToken {

  /** A model's forward pass in inference mode. */
  @FunctionalInterface
  public interface Model {
    /**
     * The logits for every position of {@code inputs}, shaped {@code (rows, length, vocabulary)};
     * every array must be created in {@code scope}.
     *
     * @param scope the batch's manager
     * @param inputs token indices, {@code (rows, length)}, INT32
     */
    NDArray logits(NDManager scope, NDArray inputs);
  }

  private BitsPerToken() {}

  /** Bits per token over every window of {@code windows}. */
  public static double evaluate(
      TokenWindows windows, int batchSize, NDManager parent, Model model) {
    return evaluate(windows, windows.size(), batchSize, parent, model);
  }

  /**
   * Bits per token over at most {@code maxWindows} windows of {@code windows}, spread evenly over
   * the text so that a capped evaluation still sees all of it.
   */
  public static double evaluate(
      TokenWindows windows, int maxWindows, int batchSize, NDManager parent, Model model) {
    if (batchSize <= 0 || maxWindows <= 0) {
      throw new InvalidDataException(
          "Evaluation needs a positive batch size and number of windows.");
    }
    int count = Math.min(maxWindows, windows.size());
    int[] chosen = new int[count];
    for (int i = 0; i < count; i++) {
      chosen[i] = (int) ((long) i * windows.size() / count);
    }
    int length = windows.length();
    Loss loss = Loss.softmaxCrossEntropyLoss();
    double nats = 0;
    for (int from = 0; from < count; from += batchSize) {
      int rows = Math.min(batchSize, count - from);
      int[] indices = new int[rows];
      System.arraycopy(chosen, from, indices, 0, rows);
      int[] targets = windows.targets(indices);
      float[] labels = new float[targets.length];
      for (int i = 0; i < targets.length; i++) {
        labels[i] = targets[i];
      }
      try (NDManager scope = parent.newSubManager()) {
        NDArray inputs =
            scope.create(IntBuffer.wrap(windows.inputs(indices)), new Shape(rows, length));
        NDArray logits = model.logits(scope, inputs);
        long vocabulary = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray flat = logits.reshape(-1, vocabulary);
        NDArray y =
            scope.create(FloatBuffer.wrap(labels), new Shape(labels.length), DataType.FLOAT32);
        nats += loss.evaluate(new NDList(y), new NDList(flat)).getFloat() * (double) labels.length;
      }
    }
    return nats / ((double) count * length) / Math.log(2);
  }
}
