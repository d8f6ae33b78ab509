package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.image.ConfusionMatrixPlot;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link TextClassifier} with softmax cross-entropy; the optimizer (AdamW with warm-up and
 * cosine decay by default) comes from the hyper-parameters. After every epoch it measures accuracy
 * and macro F1 on the validation texts and draws their confusion matrix.
 */
final class TextClassifierTraining extends SingleNetworkTask<TextClassifier> {

  static final String CONFUSION_PNG = "confusion-matrix.png";

  private final int[][] train;
  private final int[] trainClasses;
  private final int[][] validation;
  private final int[] validationClasses;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  TextClassifierTraining(
      TextClassifier model,
      int[][] train,
      int[] trainClasses,
      int[][] validation,
      int[] validationClasses) {
    super(model, train.length, "texts");
    this.train = train;
    this.trainClasses = trainClasses;
    this.validation = validation;
    this.validationClasses = validationClasses;
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    int[][] rows = new int[n][];
    float[] targets = new float[n];
    for (int i = 0; i < n; i++) {
      rows[i] = train[indices[i]];
      targets[i] = trainClasses[indices[i]];
    }
    NDArray labels = batch.create(targets, new Shape(n));
    NDArray value;
    NDArray correct;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(batch, rows, true);
      value = loss.evaluate(new NDList(labels), new NDList(logits));
      collector.backward(value);
      correct = logits.argMax(1).toType(DataType.FLOAT32, false).eq(labels);
    }
    step.update();
    return StepMetrics.loss(value).put("accuracy", correct.toType(DataType.FLOAT32, false).mean());
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    ClassificationMetrics metrics = new ClassificationMetrics(model.labels());
    metrics.addAll(validationClasses, model.predictClasses(validation));
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
  public void saveState(CheckpointWriter writer) {
    TokenizerFile.write(writer, model.tokenizer());
  }
}
