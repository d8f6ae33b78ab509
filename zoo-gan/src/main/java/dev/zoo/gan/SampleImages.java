package dev.zoo.gan;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.image.ImageGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes generated images: one PNG grid, or one PNG file per image for a synthetic data set. */
final class SampleImages {

  private SampleImages() {}

  /** A grid of {@code images}; a conditional model's grid has one column per class. */
  static ImageGrid.Builder grid(ImageGenerator model, float[][] images, String title) {
    int columns = model.conditional() ? model.labels().size() : ImageGrid.DEFAULT_COLUMNS;
    ImageGrid.Builder grid =
        ImageGrid.builder(model.height(), model.width()).columns(columns).scale(3).title(title);
    for (float[] image : images) {
      grid.add(image);
    }
    return grid;
  }

  /**
   * Writes each image as {@code <prefix>-NNNN.png} into {@code dir} (created if needed) and returns
   * the files.
   */
  static List<Path> singles(ImageGenerator model, float[][] images, Path dir, String prefix) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ZooException("Cannot create folder " + dir + ": " + e.getMessage() + ".", e);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      Path file = dir.resolve(String.format(Locale.ROOT, "%s-%04d.png", prefix, i));
      ImageGrid.builder(model.height(), model.width()).scale(1).gap(0).add(images[i]).write(file);
      files.add(file);
    }
    return files;
  }
}
