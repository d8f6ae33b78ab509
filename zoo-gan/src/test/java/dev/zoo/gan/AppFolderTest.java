package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.image.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example: an app trains on its own folder of images, saves, loads and draws. */
class AppFolderTest {

  @TempDir Path tmp;

  @Test
  void trainsOnAFolderOfImagesAndDrawsFromTheSavedModel() throws IOException {
    Path photos = writeFolder(tmp.resolve("photos"), GanTestSupport.images(96));
    Path runDir = tmp.resolve("runs/photos");
    Path gridFile = tmp.resolve("grid.png");

    // As in the README, with a budget of a few steps.
    ImageSet images = ImageFolderReader.read(photos, 28, 28); // class sub-folders of PNG/JPEG
    try (ImageGenerator gan =
        ImageGenerator.builder().labels(images.classNames()).set("steps", 3).build()) {
      gan.fit(images, null, runDir); // checkpoint and sample grids in runs/photos
    }
    try (ImageGenerator gan = ImageGenerator.load(runDir)) {
      Images drawn = gan.sample(16, 7); // grey images in [0, 1], repeatable with seed 7
      ImageGrid.builder(28, 28).addAll(drawn.pixels()).write(gridFile);
      assertEquals(16, drawn.size());
      assertTrue(GanTestSupport.maxDifference(drawn, gan.sample(16, 7)) == 0);
    }
    assertTrue(Files.isRegularFile(runDir.resolve("checkpoint/model.json")));
    assertTrue(Files.isRegularFile(runDir.resolve("samples.png")));
    assertTrue(ImageIO.read(gridFile.toFile()).getWidth() > 28 * 8);
  }

  private static Path writeFolder(Path dir, ImageSet set) throws IOException {
    for (int i = 0; i < set.size(); i++) {
      Path file =
          dir.resolve(set.label(i) < 5 ? "tops" : "shoes").resolve(String.format("%03d.png", i));
      Files.createDirectories(file.getParent());
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      float[] pixels = set.image(i);
      for (int p = 0; p < pixels.length; p++) {
        image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255));
      }
      ImageIO.write(image, "png", file.toFile());
    }
    return dir;
  }
}
