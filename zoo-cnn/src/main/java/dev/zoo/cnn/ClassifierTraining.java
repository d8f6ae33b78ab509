package dev.zoo.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.image.ConfusionMatrixPlot;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Trains an {@link ImageClassifier} with softmax cross-entropy on its logits. */
final class ClassifierTraining extends SingleNetworkTask<ImageClassifier> {

  static final String CONFUSION_PNG = "confusion-matrix.png";
  static final String PREDICTIONS_PNG = "predictions.png";
  private static final int GRID_IMAGES = 48;

  private final ImageSet train;
  private final ImageSet test;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final float[] pixels;
  private final float[] targets;

  ClassifierTraining(ImageClassifier model, ImageSet train, ImageSet test) {
    super(model);
    this.train = train;
    this.test = test;
    int batch = model.hyperparameters().getInt("batch_size");
    this.pixels = new float[batch * train.height() * train.width()];
    this.targets = new float[batch];
  }

  @Override
  public int trainSize() {
    return train.size();
  }

  @Override
  public String unit() {
    return "images";
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    int size = train.height() * train.width();
    for (int i = 0; i < n; i++) {
      train.copyImage(indices[i], pixels, i * size);
      targets[i] = train.label(indices[i]);
    }
    NDArray labels = batch.create(FloatBuffer.wrap(targets, 0, n), new Shape(n), DataType.FLOAT32);
    NDArray value;
    NDArray correct;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(batch, pixels, n, true);
      value = loss.evaluate(new NDList(labels), new NDList(logits));
      collector.backward(value);
      correct = logits.argMax(1).toType(DataType.FLOAT32, false).eq(labels);
    }
    step.update();
    return StepMetrics.loss(value).put("accuracy", correct.toType(DataType.FLOAT32, false).mean());
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    ClassificationMetrics metrics = model.evaluate(test);
    ConfusionMatrixPlot.write(
        runDir.resolve(CONFUSION_PNG),
        metrics.confusionMatrix(),
        model.labels(),
        String.format(
            Locale.ROOT, "Confusion matrix, epoch %d, accuracy %.3f", epoch, metrics.accuracy()));
    writePredictionGrid(runDir.resolve(PREDICTIONS_PNG), epoch);
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("test_accuracy", metrics.accuracy());
    return result;
  }

  private void writePredictionGrid(Path file, int epoch) {
    int count = Math.min(GRID_IMAGES, test.size());
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = (int) ((long) i * test.size() / count);
    }
    int[] predicted = model.predictClasses(test, indices);
    ImageGrid.Builder grid =
        ImageGrid.builder(test.height(), test.width())
            .columns(8)
            .scale(3)
            .title("Test images with predicted labels (green right, red wrong), epoch " + epoch);
    for (int i = 0; i < count; i++) {
      boolean right = predicted[i] == test.label(indices[i]);
      grid.add(
          test.image(indices[i]), model.labels().get(predicted[i]), right ? 0x2E7D32 : 0xC62828);
    }
    grid.write(file);
  }
}
