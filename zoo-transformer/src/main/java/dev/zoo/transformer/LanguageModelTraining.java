package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link LanguageModel} on next-token prediction (softmax cross-entropy over every
 * position of a window); the optimizer (AdamW with warm-up and cosine decay by default) comes from
 * the hyper-parameters. Measures validation bits per character after every epoch.
 */
final class LanguageModelTraining extends SingleNetworkTask<LanguageModel> {

  private final LanguageData data;
  private final TokenWindows windows;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  LanguageModelTraining(LanguageModel model, LanguageData data) {
    super(model, data.train().size(), "tokens");
    this.data = data;
    this.windows = data.train();
  }

  @Override
  public int unitsPerExample() {
    return windows.length();
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    int length = windows.length();
    int[] targets = windows.targets(indices);
    float[] labels = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      labels[i] = targets[i];
    }
    NDArray value;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(batch, windows.inputs(indices), n, length, true);
      value =
          loss.evaluate(
              new NDList(batch.create(labels, new Shape((long) n * length))), new NDList(logits));
      collector.backward(value);
    }
    step.update();
    return StepMetrics.loss(value);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("val_bpc", model.bitsPerCharacter(data.validation()));
    result.put("unigram_bpc", data.unigramBits());
    return result;
  }

  @Override
  public void saveState(CheckpointWriter writer) {
    TokenizerFile.write(writer, model.tokenizer());
  }
}
