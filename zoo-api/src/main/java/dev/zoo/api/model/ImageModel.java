package dev.zoo.api.model;

import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import java.util.List;
import java.util.Locale;

/**
 * A model of grey images of {@code (height, width)} pixels (the classifier, the GAN, the VAE): its
 * image size, from the description's input shape {@code (1, H, W)}, and the checks of data and
 * single images against it.
 */
public abstract class ImageModel extends BaseModel<ImageSet> {

  private final int height;
  private final int width;

  /** Opens the model's native memory (see {@link BaseModel}); its input shape is (1, H, W). */
  protected ImageModel(ModelDescription description) {
    super(description);
    List<Integer> shape = description.inputShape();
    this.height = shape.get(1);
    this.width = shape.get(2);
  }

  /**
   * The description of a new model of {@code variant} for images like {@code data}'s: input shape
   * {@code (1, H, W)} and its class names.
   */
  public static ModelDescription description(
      String family,
      String variant,
      Hyperparameters hp,
      ImageSet data,
      EngineChoice choice,
      long seed) {
    return ModelDescription.of(
        family,
        variant,
        hp,
        List.of(1, data.height(), data.width()),
        data.classNames(),
        choice,
        seed);
  }

  /** The image height the model takes, in pixels. */
  public int height() {
    return height;
  }

  /** The image width the model takes, in pixels. */
  public int width() {
    return width;
  }

  /**
   * Refuses an empty set or images of another size.
   *
   * @param role the data's part for messages, e.g. {@code training}
   * @throws InvalidDataException when {@code data} holds no images or they are of another size
   */
  protected void checkImages(ImageSet data, String role) {
    if (data.size() == 0) {
      throw new InvalidDataException("The " + role + " data holds no images.");
    }
    if (data.height() != height || data.width() != width) {
      throw new InvalidDataException(
          String.format(
              Locale.ROOT,
              "The %s images are %dx%d but the model takes %dx%d.",
              role,
              data.height(),
              data.width(),
              height,
              width));
    }
  }

  /**
   * Refuses data whose classes are not the model's, in the same order.
   *
   * @throws InvalidDataException when they differ
   */
  protected void checkClasses(ImageSet data, String role) {
    if (!data.classNames().equals(labels())) {
      throw classesDiffer(data, role, "");
    }
  }

  private InvalidDataException classesDiffer(ImageSet data, String role, String detail) {
    return new InvalidDataException(
        String.format(
            "The %s data's classes %s differ from the model's %s%s.",
            role, data.classNames(), labels(), detail));
  }

  /**
   * The model's class index of each of {@code data}'s classes, matched by name in any order, so
   * that data of some of the model's classes, or of all in another order, can be evaluated. A name
   * matches a label that is equal to it, or equal once each character a folder name cannot hold
   * ({@code / \ : * ? " < > |}) is written as {@code -}: folder {@code T-shirt-top} is label {@code
   * T-shirt/top}.
   *
   * @throws InvalidDataException when a class of the data is none of the model's
   */
  protected int[] classIndices(ImageSet data, String role) {
    List<String> labels = labels();
    int[] indices = new int[data.classNames().size()];
    List<String> unknown = new java.util.ArrayList<>();
    for (int c = 0; c < indices.length; c++) {
      String name = data.classNames().get(c);
      indices[c] = labels.indexOf(name);
      for (int l = 0; l < labels.size() && indices[c] < 0; l++) {
        indices[c] = folderName(labels.get(l)).equals(name) ? l : -1;
      }
      if (indices[c] < 0) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw classesDiffer(data, role, ": " + unknown + " are none of them");
    }
    return indices;
  }

  /** {@code label} with each character a folder name cannot hold written as {@code -}. */
  public static String folderName(String label) {
    return label.replaceAll("[/\\\\:*?\"<>|]", "-");
  }

  /**
   * Refuses one image, {@code height * width} values row-major, of another number of pixels.
   *
   * @throws InvalidDataException when it has another number of pixels
   */
  protected void checkPixels(float[] image) {
    if (image.length != height * width) {
      throw new InvalidDataException(
          String.format(
              "An image of %d pixels does not fit a model that takes %dx%d images.",
              image.length, height, width));
    }
  }
}
