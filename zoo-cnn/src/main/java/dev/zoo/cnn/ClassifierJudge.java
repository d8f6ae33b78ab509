package dev.zoo.cnn;

import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.ImageJudge;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained {@link ImageClassifier} as an {@link ImageJudge}: its last hidden layer gives the
 * feature vectors of Fréchet distances, its softmax the class probabilities.
 */
public final class ClassifierJudge implements ImageJudge {

  private final ImageClassifier model;

  /** Judges with {@code model}, which this judge closes. */
  public ClassifierJudge(ImageClassifier model) {
    this.model = model;
  }

  /** Loads the classifier saved at {@code checkpoint} on the best engine that can run it. */
  public static ClassifierJudge load(Path checkpoint) {
    return new ClassifierJudge(ImageClassifier.load(checkpoint));
  }

  @Override
  public List<String> classNames() {
    return model.labels();
  }

  @Override
  public int height() {
    return model.height();
  }

  @Override
  public int width() {
    return model.width();
  }

  @Override
  public float[][] features(ImageSet images) {
    return model.features(images);
  }

  @Override
  public float[][] probabilities(ImageSet images) {
    return model.probabilities(images);
  }

  @Override
  public void close() {
    model.close();
  }
}
