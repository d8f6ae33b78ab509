package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.image.ConfusionMatrixPlot;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link TextClassifier} with softmax cross-entropy and AdamW; after every epoch measures
 * accuracy and macro F1 on the validation texts and draws their confusion matrix.
 */
final class TextClassifierTraining implements TrainingTask, AutoCloseable {

  static final String CONFUSION_PNG = "confusion-matrix.png";

  private final TextClassifier model;
  private final int[][] train;
  private final int[] trainClasses;
  private final int[][] validation;
  private final int[] validationClasses;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;

  TextClassifierTraining(
      TextClassifier model,
      int[][] train,
      int[] trainClasses,
      int[][] validation,
      int[] validationClasses) {
    this.model = model;
    this.train = train;
    this.trainClasses = trainClasses;
    this.validation = validation;
    this.validationClasses = validationClasses;
    Hyperparameters hp = model.hyperparameters();
    double rate = hp.getDouble("learning_rate");
    this.optimizerScope = model.manager().newSubManager();
    this.optimizer =
        new Adam(
            optimizerScope, (float) rate, 0.9f, 0.99f, (float) hp.getDouble("weight_decay"), true);
    int batch = hp.getInt("batch_size");
    long perEpoch = (train.length + batch - 1) / batch;
    long steps = hp.getInt("steps") > 0 ? hp.getInt("steps") : perEpoch * hp.getInt("epochs");
    this.schedule = Schedule.of(hp.get("schedule"), rate, steps, hp.getInt("warmup_steps"));
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return train.length;
  }

  @Override
  public String unit() {
    return "texts";
  }

  @Override
  public Map<String, Double> trainBatch(NDManager batch, int[] indices) {
    int n = indices.length;
    int[][] rows = new int[n][];
    float[] targets = new float[n];
    for (int i = 0; i < n; i++) {
      rows[i] = train[indices[i]];
      targets[i] = trainClasses[indices[i]];
    }
    float lossValue;
    int correct = 0;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(batch, rows, true);
      NDArray value =
          loss.evaluate(new NDList(batch.create(targets, new Shape(n))), new NDList(logits));
      collector.backward(value);
      lossValue = value.getFloat();
      int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
      for (int i = 0; i < n; i++) {
        correct += predicted[i] == (int) targets[i] ? 1 : 0;
      }
    }
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(model.net());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", (double) lossValue);
    metrics.put("accuracy", correct / (double) n);
    return metrics;
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    ClassificationMetrics metrics = new ClassificationMetrics(model.labels());
    metrics.addAll(validationClasses, model.predict(validation));
    ConfusionMatrixPlot.write(
        runDir.resolve(CONFUSION_PNG),
        metrics.confusionMatrix(),
        model.labels(),
        String.format(
            Locale.ROOT,
            "Validation texts, epoch %d: accuracy %.3f, macro F1 %.3f",
            epoch,
            metrics.accuracy(),
            metrics.macroF1()));
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("val_accuracy", metrics.accuracy());
    result.put("val_macro_f1", metrics.macroF1());
    return result;
  }

  @Override
  public void save(CheckpointWriter writer) {
    model.writeModel(writer);
    writer.put(LanguageModel.OPTIMIZER, optimizer::save);
  }

  @Override
  public void restore(Checkpoint checkpoint) {
    checkpoint.loadParameters(LanguageModel.PARAMETERS, model.net(), model.manager());
    optimizer.restore(checkpoint, LanguageModel.OPTIMIZER);
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.describe(epoch, metrics);
  }

  @Override
  public void close() {
    optimizerScope.close();
  }
}
