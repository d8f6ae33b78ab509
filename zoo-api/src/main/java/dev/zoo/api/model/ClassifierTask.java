package dev.zoo.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.data.Rows;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.FloatBuffer;

/**
 * The training step of a classifier of rows of numbers (images, table rows): the batch's rows are
 * copied into one buffer, the model maps them to logits, and the loss is the softmax cross-entropy
 * over {@code (N, classes)} logits, or the sigmoid binary cross-entropy when the model has one
 * logit {@code (N, 1)} for two classes. The step records the loss and the batch's accuracy. A
 * family adds the forward pass and the evaluation.
 *
 * @param <M> the classifier trained
 */
public abstract class ClassifierTask<M extends BaseModel<?>> extends SingleNetworkTask<M> {

  private final Rows train;
  private final float[] buffer;
  private final float[] classes;

  /**
   * @param model the classifier
   * @param train the training rows
   * @param batchSize the most rows of a step
   * @param unit the noun for one row in throughput figures, e.g. {@code images}
   */
  protected ClassifierTask(M model, Rows train, int batchSize, String unit) {
    super(model, train.size(), unit);
    this.train = train;
    this.buffer = new float[batchSize * train.rowLength()];
    this.classes = new float[batchSize];
  }

  /** The forward pass of a classifier: logits of {@code n} rows, as {@link #logits} describes. */
  @FunctionalInterface
  public interface Logits {
    /** The logits of {@code n} rows held row-major in {@code rows}. */
    NDArray of(NDManager scope, float[] rows, int n, boolean training);
  }

  /**
   * A task whose forward pass is {@code logits} and whose evaluation after each epoch is {@code
   * evaluation} (epoch to figures), for families with nothing more particular.
   */
  public static <M extends BaseModel<?>> ClassifierTask<M> of(
      M model,
      Rows train,
      Logits logits,
      java.util.function.IntFunction<java.util.Map<String, Double>> evaluation,
      String unit) {
    return new ClassifierTask<>(model, train, model.hyperparameters().getInt("batch_size"), unit) {
      @Override
      protected NDArray logits(NDManager scope, float[] rows, int n, boolean training) {
        return logits.of(scope, rows, n, training);
      }

      @Override
      public java.util.Map<String, Double> evaluate(int epoch, java.nio.file.Path runDir) {
        return evaluation.apply(epoch);
      }
    };
  }

  /**
   * The logits of {@code n} rows held row-major in {@code rows}: {@code (n, classes)}, or {@code
   * (n, 1)} for a binary classifier.
   */
  protected abstract NDArray logits(NDManager scope, float[] rows, int n, boolean training);

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager scope = step.manager();
    int n = step.size();
    for (int i = 0; i < n; i++) {
      int row = step.indices()[i];
      train.copyRow(row, buffer, i * train.rowLength());
      classes[i] = train.label(row);
    }
    NDArray labels = scope.create(FloatBuffer.wrap(classes, 0, n), new Shape(n), DataType.FLOAT32);
    NDArray loss;
    NDArray correct;
    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
      NDArray logits = logits(scope, buffer, n, true);
      boolean binary = logits.getShape().get(1) == 1;
      NDArray target = binary ? labels.reshape(n, 1) : labels;
      Loss objective =
          binary ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.softmaxCrossEntropyLoss();
      loss = objective.evaluate(new NDList(target), new NDList(logits));
      collector.backward(loss);
      NDArray predicted =
          binary ? logits.gt(0).reshape(n) : logits.argMax(1).toType(DataType.FLOAT32, false);
      correct = predicted.toType(DataType.FLOAT32, false).eq(labels);
    }
    step.update();
    return StepMetrics.loss(loss).put("accuracy", correct.toType(DataType.FLOAT32, false).mean());
  }
}
