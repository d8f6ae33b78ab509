package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.util.List;

/**
 * Grey images of one size, as every image generator returns them: {@code height * width} values in
 * [0, 1] per image, row-major.
 *
 * @param height image height in pixels
 * @param width image width in pixels
 * @param pixels one array per image
 */
public record Images(int height, int width, List<float[]> pixels) {

  /**
   * Checks the sizes and copies the list (not the arrays).
   *
   * @throws InvalidDataException when an image has another number of pixels
   */
  public Images {
    pixels = List.copyOf(pixels);
    for (int i = 0; i < pixels.size(); i++) {
      if (pixels.get(i).length != height * width) {
        throw new InvalidDataException(
            String.format(
                "Image %d has %d pixels, not %dx%d.", i, pixels.get(i).length, height, width));
      }
    }
  }

  /** The number of images. */
  public int size() {
    return pixels.size();
  }

  /** A copy of image {@code i}'s pixels. */
  public float[] image(int i) {
    return pixels.get(i).clone();
  }

  /**
   * The images as an {@link ImageSet} with the given classes, e.g. for a classifier that judges
   * them.
   *
   * @param classNames the class names
   * @param labels one class index per image
   */
  public ImageSet toImageSet(List<String> classNames, int[] labels) {
    float[] all = new float[size() * height * width];
    for (int i = 0; i < size(); i++) {
      System.arraycopy(pixels.get(i), 0, all, i * height * width, height * width);
    }
    return ImageSet.of(all, labels, classNames, height, width);
  }
}
