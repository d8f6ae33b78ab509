package dev.zoo.api.data;

import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.Sha256;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory set of labelled grey images of one size. Pixels are kept in one flat
 * row-major array of {@code size() * height() * width()} values in [0, 1]; labels are class indices
 * into {@link #classNames()}.
 */
public final class ImageSet implements DataSource, Rows {
  private static final String IN_MEMORY = "images in memory";

  private final float[] pixels;
  private final int[] labels;
  private final List<String> classNames;
  private final int height;
  private final int width;
  private final String source;
  private volatile String sha256;

  private ImageSet(
      float[] pixels, int[] labels, List<String> classNames, int height, int width, String source) {
    this.pixels = pixels;
    this.labels = labels;
    this.classNames = classNames;
    this.height = height;
    this.width = width;
    this.source = source;
  }

  /**
   * Creates an image set from copies of the given arrays after checking that they agree.
   *
   * @param pixels {@code labels.length * height * width} grey values in [0, 1], row-major
   * @param labels one class index per image, each in {@code 0 .. classNames.size() - 1}
   * @param classNames the class names, at least one, without duplicates
   * @param height image height in pixels
   * @param width image width in pixels
   * @return the image set
   * @throws InvalidDataException if the sizes disagree, a label is out of range or a pixel is
   *     outside [0, 1]
   */
  public static ImageSet of(
      float[] pixels, int[] labels, List<String> classNames, int height, int width) {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(classNames, "classNames");
    ImageSet set = wrap(pixels.clone(), labels.clone(), classNames, height, width);
    int pixelsPerImage = height * width;
    for (int i = 0; i < set.pixels.length; i++) {
      float v = set.pixels[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new InvalidDataException(
            String.format(
                "Pixel %d of image %d has value %s, outside the range 0 to 1.",
                i % pixelsPerImage, i / pixelsPerImage, v));
      }
    }
    return set;
  }

  /**
   * Creates an image set that takes ownership of the given arrays without copying them; the caller
   * must not change them afterwards and guarantees that the pixels lie in [0, 1].
   */
  static ImageSet wrap(
      float[] pixels, int[] labels, List<String> classNames, int height, int width) {
    if (height <= 0 || width <= 0 || (long) height * width > Integer.MAX_VALUE) {
      throw new InvalidDataException(
          String.format("Image size %dx%d is not a usable image size.", height, width));
    }
    List<String> names = List.copyOf(classNames);
    if (names.isEmpty()) {
      throw new InvalidDataException("An image set needs at least one class name.");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new InvalidDataException("The class names " + names + " contain duplicates.");
    }
    long expected = (long) labels.length * height * width;
    if (pixels.length != expected) {
      throw new InvalidDataException(
          String.format(
              "An image set of %d images of %dx%d needs %d pixel values, not %d.",
              labels.length, height, width, expected, pixels.length));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= names.size()) {
        throw new InvalidDataException(
            String.format(
                "Label %d of image %d is outside the %d classes.", labels[i], i, names.size()));
      }
    }
    return new ImageSet(pixels, labels, names, height, width, IN_MEMORY);
  }

  /** Returns the number of images. */
  @Override
  public int size() {
    return labels.length;
  }

  /** Returns the image height in pixels. */
  public int height() {
    return height;
  }

  /** Returns the image width in pixels. */
  public int width() {
    return width;
  }

  /** Returns the unmodifiable list of class names; label {@code k} names class {@code k}. */
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * Returns the class index of image {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0 .. size() - 1}
   */
  @Override
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  /** Returns a fresh copy of all labels, one per image; changing it does not affect this set. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Copies the {@code height() * width()} pixels of image {@code i} into {@code dest} starting at
   * {@code destOffset}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range or {@code dest} is too short
   */
  public void copyImage(int i, float[] dest, int destOffset) {
    copyRow(i, dest, destOffset);
  }

  /** The pixels of an image, {@code height() * width()}. */
  @Override
  public int rowLength() {
    return height * width;
  }

  /** Copies image {@code i}'s pixels, as {@link #copyImage}. */
  @Override
  public void copyRow(int i, float[] dest, int destOffset) {
    Objects.checkIndex(i, labels.length);
    int pixelsPerImage = height * width;
    System.arraycopy(pixels, i * pixelsPerImage, dest, destOffset, pixelsPerImage);
  }

  /**
   * Returns a fresh copy of the pixels of image {@code i}, {@code height() * width()} values
   * row-major.
   *
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public float[] image(int i) {
    float[] out = new float[height * width];
    copyImage(i, out, 0);
    return out;
  }

  /**
   * Returns a new set holding the images at the given indices, in that order; indices may repeat.
   *
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public ImageSet subset(int[] indices) {
    int pixelsPerImage = height * width;
    float[] newPixels = new float[Math.multiplyExact(indices.length, pixelsPerImage)];
    int[] newLabels = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = Objects.checkIndex(indices[k], labels.length);
      System.arraycopy(pixels, i * pixelsPerImage, newPixels, k * pixelsPerImage, pixelsPerImage);
      newLabels[k] = labels[i];
    }
    return new ImageSet(
        newPixels, newLabels, classNames, height, width, indices.length + " images of " + source);
  }

  /**
   * Returns the first {@code n} images, or this whole set if it holds no more than {@code n}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public ImageSet first(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    if (n >= labels.length) {
      return this;
    }
    return new ImageSet(
        Arrays.copyOf(pixels, n * height * width),
        Arrays.copyOf(labels, n),
        classNames,
        height,
        width,
        "the first " + n + " images of " + source);
  }

  /** The same images described as coming from {@code where}, e.g. a folder's path. */
  public ImageSet withSource(String where) {
    return new ImageSet(pixels, labels, classNames, height, width, where);
  }

  @Override
  public String source() {
    return source;
  }

  /** A SHA-256 over the class names, labels and pixel values (computed once). */
  @Override
  public String sha256() {
    String h = sha256;
    if (h == null) {
      Sha256 hash = Sha256.hasher();
      classNames.forEach(hash::put);
      h = hash.put(new int[] {height, width}).put(labels).put(pixels).hex();
      sha256 = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return String.format(
        "ImageSet[%d images of %dx%d, %d classes]", size(), height, width, numClasses());
  }
}
