package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link LanguageModel} on next-token prediction with AdamW (decoupled weight decay) and a
 * warm-up then cosine learning-rate schedule; measures validation bits per character after every
 * epoch.
 */
final class LanguageModelTraining implements TrainingTask, AutoCloseable {

  private final LanguageModel model;
  private final LanguageData data;
  private final TokenWindows windows;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;

  LanguageModelTraining(LanguageModel model, LanguageData data) {
    this.model = model;
    this.data = data;
    this.windows = data.train();
    Hyperparameters hp = model.hyperparameters();
    this.optimizerScope = model.manager().newSubManager();
    this.optimizer =
        new Adam(
            optimizerScope,
            (float) hp.getDouble("learning_rate"),
            0.9f,
            0.99f,
            (float) hp.getDouble("weight_decay"),
            true);
    int batch = hp.getInt("batch_size");
    long stepsPerEpoch = (windows.size() + batch - 1) / batch;
    long total = hp.getInt("steps") > 0 ? hp.getInt("steps") : stepsPerEpoch * hp.getInt("epochs");
    this.schedule =
        Schedule.of(
            hp.get("schedule"), hp.getDouble("learning_rate"), total, hp.getInt("warmup_steps"));
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return windows.size();
  }

  @Override
  public String unit() {
    return "tokens";
  }

  @Override
  public int unitsPerExample() {
    return windows.length();
  }

  @Override
  public Map<String, Double> trainBatch(NDManager batch, int[] indices) {
    int n = indices.length;
    int length = windows.length();
    int[] targets = windows.targets(indices);
    float[] labels = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      labels[i] = targets[i];
    }
    float lossValue;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(batch, windows.inputs(indices), n, length, true);
      NDArray value =
          loss.evaluate(
              new NDList(batch.create(labels, new Shape(n * length))), new NDList(logits));
      collector.backward(value);
      lossValue = value.getFloat();
    }
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(model.net());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", (double) lossValue);
    return metrics;
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("val_bpc", model.bitsPerCharacter(data.validation()));
    result.put("unigram_bpc", data.unigramBits());
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
