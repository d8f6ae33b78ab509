package dev.zoo.vae;

import dev.zoo.api.ZooException;
import dev.zoo.api.data.ImageFolderReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files for a VAE. Unlike a classifier, a VAE's score of an image depends on every
 * pixel, so an image of another size is refused rather than silently resized.
 */
final class ImageFiles {

  private ImageFiles() {}

  /**
   * The grey pixels of a PNG or JPEG file of exactly {@code height x width} pixels.
   *
   * @throws ZooException when the file is missing, cannot be decoded or has another size
   */
  static float[] read(Path file, int height, int width) {
    int[] size = size(file);
    if (size != null && (size[0] != height || size[1] != width)) {
      throw new ZooException(
          "Image "
              + file
              + " is "
              + size[0]
              + "x"
              + size[1]
              + " pixels but the model takes "
              + height
              + "x"
              + width
              + " images.");
    }
    return ImageFolderReader.readGrey(file, height, width);
  }

  /** The height and width from the file's header, or null when no image reader knows it. */
  private static int[] size(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getHeight(0), reader.getWidth(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // Not readable as an image: the reader used next says so in its own sentence.
      return null;
    }
  }
}
