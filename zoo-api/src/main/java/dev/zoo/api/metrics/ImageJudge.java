package dev.zoo.api.metrics;

import dev.zoo.api.data.ImageSet;
import java.util.List;

/**
 * A trained image classifier used as a measuring instrument for generated images: its feature
 * vectors give Fréchet distances, its predictions give class histograms. The command line builds
 * one from the CNN family, so generative families can measure quality without depending on it.
 */
public interface ImageJudge extends AutoCloseable {

  /** The classes the judge tells apart, in label order. */
  List<String> classNames();

  /** The image height the judge takes. */
  int height();

  /** The image width the judge takes. */
  int width();

  /** One feature vector per image (the classifier's last hidden layer). */
  float[][] features(ImageSet images);

  /** One probability vector over {@link #classNames()} per image. */
  float[][] probabilities(ImageSet images);

  /** Releases the judge's native memory. */
  @Override
  void close();
}
