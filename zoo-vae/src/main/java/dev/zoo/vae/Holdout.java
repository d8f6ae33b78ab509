package dev.zoo.vae;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.train.TrainingListener;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The class left out of training for anomaly detection ({@code --holdout-class}): the model learns
 * the other classes, and the negative ELBO should then be higher for images of the held-out one.
 */
final class Holdout {

  private Holdout() {}

  /**
   * The training images of a run and the class left out of them.
   *
   * @param heldOut the held-out class's index, or -1
   * @param train the images to train on
   */
  record Split(int heldOut, ImageSet train) {}

  /**
   * Leaves the class named {@code name} (none when it is empty) out of {@code train}, after
   * checking that {@code test} has the same classes and images of that class and of others, and
   * tells {@code listener} so.
   *
   * @throws InvalidSettingException when there is no class of that name
   * @throws InvalidDataException when the sets' classes differ, no training image is left, or the
   *     test set lacks either kind
   */
  static Split split(String name, ImageSet train, ImageSet test, TrainingListener listener) {
    int heldOut = resolve(name, train.classNames());
    if (heldOut < 0) {
      return new Split(-1, train);
    }
    if (!test.classNames().equals(train.classNames())) {
      throw new InvalidDataException(
          "The test data's classes "
              + test.classNames()
              + " differ from the training data's "
              + train.classNames()
              + ".");
    }
    mask(test, heldOut);
    ImageSet rest = without(train, heldOut);
    listener.notice(
        String.format(
            "Holding out class %s: training on %d images of the other classes.",
            train.classNames().get(heldOut), rest.size()));
    return new Split(heldOut, rest);
  }

  /**
   * The index of the class named {@code name} (any case) in {@code classNames}, or -1 when {@code
   * name} is empty.
   *
   * @throws InvalidSettingException when there is no such class
   */
  static int resolve(String name, List<String> classNames) {
    if (name == null || name.isBlank()) {
      return -1;
    }
    for (int c = 0; c < classNames.size(); c++) {
      if (classNames.get(c).equalsIgnoreCase(name.trim())) {
        return c;
      }
    }
    throw new InvalidSettingException(
        "There is no class '"
            + name.trim()
            + "' to hold out; the classes are "
            + String.join(", ", classNames)
            + ".");
  }

  /**
   * The images of {@code set} that are not of class {@code heldOut}.
   *
   * @throws InvalidDataException when every image is of that class
   */
  static ImageSet without(ImageSet set, int heldOut) {
    int[] keep = IntStream.range(0, set.size()).filter(i -> set.label(i) != heldOut).toArray();
    if (keep.length == 0) {
      throw new InvalidDataException(
          "Holding out class "
              + set.classNames().get(heldOut)
              + " leaves no training images; every image is of that class.");
    }
    return set.subset(keep);
  }

  /**
   * Whether each image of {@code set} is of class {@code heldOut}.
   *
   * @throws InvalidDataException unless the set has images of that class and of others
   */
  static boolean[] mask(ImageSet set, int heldOut) {
    boolean[] mask = new boolean[set.size()];
    int count = 0;
    for (int i = 0; i < mask.length; i++) {
      mask[i] = set.label(i) == heldOut;
      count += mask[i] ? 1 : 0;
    }
    if (count == 0 || count == mask.length) {
      throw new InvalidDataException(
          "The test data needs images of class "
              + set.classNames().get(heldOut)
              + " and of other classes to measure the held-out ROC-AUC; it has "
              + count
              + " of "
              + mask.length
              + ".");
    }
    return mask;
  }
}
