package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.ZooException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path dir;

  /** Writes a uniformly coloured RGB image. */
  static void writeImage(Path file, int width, int height, int rgb, String format)
      throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("No writer for " + format);
    }
  }

  @Test
  void readsClassFoldersSortedAndResizes() throws IOException {
    writeImage(dir.resolve("zebra/one.png"), 56, 56, 0xffffff, "png");
    writeImage(dir.resolve("zebra/two.PNG"), 10, 20, 0x000000, "png");
    writeImage(dir.resolve("apple/red.JPEG"), 28, 28, 0x808080, "jpeg");
    Files.writeString(dir.resolve("apple/notes.txt"), "not an image");
    Files.write(dir.resolve("apple/.hidden.png"), new byte[] {1, 2, 3});
    Files.createDirectories(dir.resolve(".git"));
    Files.write(dir.resolve(".git/x.png"), new byte[] {1, 2, 3});

    ImageSet set = ImageFolderReader.read(dir, 28, 28);

    assertEquals(List.of("apple", "zebra"), set.classNames());
    assertEquals(3, set.size());
    assertEquals(28, set.height());
    assertEquals(28, set.width());
    assertArrayEquals(new int[] {0, 1, 1}, set.labels());
    float[] grey = set.image(0);
    assertEquals(128 / 255f, grey[14 * 28 + 14], 0.02f);
    for (float v : set.image(1)) {
      assertEquals(1f, v, 1e-6f);
    }
    for (float v : set.image(2)) {
      assertEquals(0f, v, 1e-6f);
    }
  }

  @Test
  void areaAveragesWhenShrinking() {
    BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 4; x++) {
      int v = x % 2 == 0 ? 255 : 0;
      image.setRGB(x, 0, v << 16 | v << 8 | v);
      image.setRGB(x, 1, v << 16 | v << 8 | v);
    }

    float[] grey = ImageFolderReader.toGrey(image, 1, 2);

    assertArrayEquals(new float[] {0.5f, 0.5f}, grey, 1e-6f);
  }

  @Test
  void usesLuminanceWeights() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xff0000);
    image.setRGB(1, 0, 0x00ff00);
    image.setRGB(2, 0, 0x0000ff);

    float[] grey = ImageFolderReader.toGrey(image, 1, 3);

    assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f}, grey, 1e-5f);
  }

  @Test
  void keepsStoredValuesOfGreyImages() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(0, 0, 0, 64);
    image.getRaster().setSample(1, 0, 0, 200);

    float[] grey = ImageFolderReader.toGrey(image, 1, 2);

    assertArrayEquals(new float[] {64 / 255f, 200 / 255f}, grey, 1e-6f);
  }

  @Test
  void interpolatesWhenEnlarging() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(0, 0, 0, 0);
    image.getRaster().setSample(1, 0, 0, 255);

    float[] grey = ImageFolderReader.toGrey(image, 1, 4);

    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, grey, 1e-6f);
  }

  @Test
  void rejectsUndecodablePng() throws IOException {
    writeImage(dir.resolve("cat/good.png"), 28, 28, 0x123456, "png");
    byte[] noise = new byte[500];
    new Random(1).nextBytes(noise);
    Path bad = dir.resolve("cat/bad.png");
    Files.write(bad, noise);

    ZooException e = assertThrows(ZooException.class, () -> ImageFolderReader.read(dir, 28, 28));

    assertEquals("Cannot decode image " + bad + ": not a PNG or JPEG file.", e.getMessage());
  }

  @Test
  void rejectsDamagedPngBody() throws IOException {
    Path file = dir.resolve("damaged.png");
    writeImage(file, 40, 40, 0x123456, "png");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, 60));

    ZooException e =
        assertThrows(ZooException.class, () -> ImageFolderReader.readGrey(file, 28, 28));

    assertEquals(
        "Cannot decode image " + file + ": it is a PNG file that is damaged or cut short.",
        e.getMessage());
  }

  @Test
  void readsSingleFileForPrediction() throws IOException {
    Path file = dir.resolve("shirt.jpg");
    writeImage(file, 100, 50, 0xffffff, "jpeg");

    float[] grey = ImageFolderReader.readGrey(file, 28, 28);

    assertEquals(28 * 28, grey.length);
    assertEquals(1f, grey[0], 0.01f);
  }

  @Test
  void reportsMissingFileAndFolderProblems() throws IOException {
    Path missing = dir.resolve("missing.png");
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    Path empty = Files.createDirectories(dir.resolve("empty/class"));

    assertEquals(
        "Image file " + missing + " does not exist.",
        assertThrows(ZooException.class, () -> ImageFolderReader.readGrey(missing, 28, 28))
            .getMessage());
    assertEquals(
        "Path " + file + " is not a folder.",
        assertThrows(ZooException.class, () -> ImageFolderReader.read(file, 28, 28)).getMessage());
    assertEquals(
        "Folder " + empty.getParent() + " holds no PNG or JPEG images in class sub-folders.",
        assertThrows(ZooException.class, () -> ImageFolderReader.read(empty.getParent(), 28, 28))
            .getMessage());
  }
}
