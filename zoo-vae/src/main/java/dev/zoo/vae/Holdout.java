package dev.zoo.vae;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The class left out of training for anomaly detection ({@code --holdout-class}): the model learns
 * the other classes, and the negative ELBO should then be higher for images of the held-out one.
 */
final class Holdout {

  private Holdout() {}

  /**
   * The index of the class named {@code name} (any case) in {@code classNames}, or -1 when {@code
   * name} is empty.
   *
   * @throws ZooException when there is no such class
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
    throw new ZooException(
        "There is no class '"
            + name.trim()
            + "' to hold out; the classes are "
            + String.join(", ", classNames)
            + ".");
  }

  /** The images of {@code set} that are not of class {@code heldOut}. */
  static ImageSet without(ImageSet set, int heldOut) {
    int[] keep = IntStream.range(0, set.size()).filter(i -> set.label(i) != heldOut).toArray();
    if (keep.length == 0) {
      throw new ZooException(
          "Holding out class "
              + set.classNames().get(heldOut)
              + " leaves no training images; every image is of that class.");
    }
    return set.subset(keep);
  }

  /** Whether each image of {@code set} is of class {@code heldOut}. */
  static boolean[] mask(ImageSet set, int heldOut) {
    boolean[] mask = new boolean[set.size()];
    int count = 0;
    for (int i = 0; i < mask.length; i++) {
      mask[i] = set.label(i) == heldOut;
      count += mask[i] ? 1 : 0;
    }
    if (count == 0 || count == mask.length) {
      throw new ZooException(
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
