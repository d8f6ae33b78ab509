package dev.zoo.api.data;

import java.util.Objects;

/**
 * A training set and a test set with a human-readable description of where they came from.
 *
 * @param train the training images
 * @param test the test images, with the same class names as {@code train}
 * @param origin where the data came from, e.g. "Fashion-MNIST from /data (60000 train, 10000 test)"
 * @param embedded whether the data is the small sample embedded in Zoo
 */
public record DataSplits(ImageSet train, ImageSet test, String origin, boolean embedded) {

  /** Checks that no component is null and names each split's source after {@code origin}. */
  public DataSplits {
    Objects.requireNonNull(origin, "origin");
    train = Objects.requireNonNull(train, "train").withSource("the training split of " + origin);
    test = Objects.requireNonNull(test, "test").withSource("the test split of " + origin);
  }
}
