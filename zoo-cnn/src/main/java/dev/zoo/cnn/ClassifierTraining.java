package dev.zoo.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.image.ConfusionMatrixPlot;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.ClassifierTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Trains an {@link ImageClassifier} with softmax cross-entropy on its logits. */
final class ClassifierTraining extends ClassifierTask<ImageClassifier> {

  static final String CONFUSION_PNG = "confusion-matrix.png";
  static final String PREDICTIONS_PNG = "predictions.png";
  private static final int GRID_IMAGES = 48;

  private final ImageSet test;

  ClassifierTraining(ImageClassifier model, ImageSet train, ImageSet test) {
    super(model, train, model.hyperparameters().getInt("batch_size"), "images");
    this.test = test;
  }

  @Override
  protected NDArray logits(NDManager scope, float[] rows, int n, boolean training) {
    return model.forward(scope, rows, n, training);
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
