package dev.zoo.vae;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.ImageFolderReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads image files for a VAE. Unlike a classifier, a VAE's score of an image depends on every
 * pixel, so an image of another size is refused rather than silently resized.
 */
final class ImageFiles {

  private ImageFiles() {}

  /**
   * The grey pixels of a PNG or JPEG file of exactly {@code height x width} pixels.
   *
   * @throws InvalidDataException when the file is missing, cannot be decoded or has another size
   */
  static float[] read(Path file, int height, int width) {
    if (!Files.exists(file)) {
      throw new InvalidDataException("Image file " + file + " does not exist.");
    }
    BufferedImage image = decode(file);
    if (image.getHeight() != height || image.getWidth() != width) {
      throw new InvalidDataException(
          String.format(
              "Image %s is %dx%d pixels but the model takes %dx%d images.",
              file, image.getHeight(), image.getWidth(), height, width));
    }
    return ImageFolderReader.toGrey(image, height, width);
  }

  private static BufferedImage decode(Path file) {
    BufferedImage image;
    try {
      image = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
    } catch (IOException | RuntimeException e) {
      image = null;
    }
    if (image == null) {
      throw new InvalidDataException("Cannot decode image " + file + ": not a PNG or JPEG file.");
    }
    return image;
  }
}
