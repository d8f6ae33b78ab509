package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

  @Test
  void packedGridIsExactlyTheScaledImages() {
    ImageGrid.Builder grid = ImageGrid.builder(28, 28).columns(4).scale(3).gap(0);
    for (int i = 0; i < 10; i++) {
      grid.add(filled(28 * 28, 0.5f));
    }
    BufferedImage img = grid.build();
    assertEquals(4 * 84, img.getWidth());
    assertEquals(3 * 84, img.getHeight());
  }

  @Test
  void defaultGridAddsGapsAroundEveryCell() {
    ImageGrid.Builder grid = ImageGrid.builder(28, 28);
    for (int i = 0; i < 16; i++) {
      grid.add(filled(28 * 28, 0.5f));
    }
    BufferedImage img = grid.build();
    int gap = ImageGrid.DEFAULT_GAP;
    assertEquals(8 * 84 + 9 * gap, img.getWidth());
    assertEquals(2 * 84 + 3 * gap, img.getHeight());
  }

  @Test
  void fewerImagesThanColumnsMakeANarrowerGrid() {
    ImageGrid.Builder grid = ImageGrid.builder(5, 7).columns(8).scale(2).gap(0);
    for (int i = 0; i < 3; i++) {
      grid.add(filled(35, 0f));
    }
    BufferedImage img = grid.build();
    assertEquals(3 * 14, img.getWidth());
    assertEquals(10, img.getHeight());
  }

  @Test
  void cellPixelsShowTheImagesGreyValues() {
    float[] values = {0f, 0.25f, 0.5f, 1f};
    ImageGrid.Builder grid = ImageGrid.builder(4, 4).columns(2).scale(3).gap(5);
    for (float v : values) {
      grid.add(filled(16, v));
    }
    BufferedImage img = grid.build();
    for (int i = 0; i < values.length; i++) {
      int x = 5 + (i % 2) * (12 + 5) + 6;
      int y = 5 + (i / 2) * (12 + 5) + 6;
      int grey = Math.round(values[i] * 255);
      assertEquals(grey * 0x010101, img.getRGB(x, y) & 0xFFFFFF, "image " + i);
    }
  }

  @Test
  void eachSourcePixelBecomesAScaleByScaleBlock() {
    float[] pixels = new float[6 * 5];
    pixels[2 * 5 + 3] = 1f;
    BufferedImage img = ImageGrid.builder(6, 5).scale(4).gap(0).add(pixels).build();
    for (int dy = 0; dy < 4; dy++) {
      for (int dx = 0; dx < 4; dx++) {
        assertEquals(0xFFFFFF, img.getRGB(3 * 4 + dx, 2 * 4 + dy) & 0xFFFFFF);
      }
    }
    assertEquals(0x000000, img.getRGB(3 * 4 - 1, 2 * 4) & 0xFFFFFF);
    assertEquals(0x000000, img.getRGB(3 * 4, 2 * 4 + 4) & 0xFFFFFF);
  }

  @Test
  void signedRangeMapsMinusOneToBlackAndZeroToMidGrey() {
    float[] pixels = {-1f, 0f, 1f, 7f};
    BufferedImage img = ImageGrid.builder(1, 4).scale(1).gap(0).signed().add(pixels).build();
    assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x808080, img.getRGB(1, 0) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(2, 0) & 0xFFFFFF);
    assertEquals(0xFFFFFF, img.getRGB(3, 0) & 0xFFFFFF);
  }

  @Test
  void captionsAddARowOfTextInTheirColour() {
    BufferedImage plain = ImageGrid.builder(28, 28).add(filled(784, 0f)).build();
    BufferedImage captioned =
        ImageGrid.builder(28, 28).add(filled(784, 0f), "Bag 97%", ImageGrid.RED).build();
    assertTrue(captioned.getHeight() > plain.getHeight());
    assertEquals(plain.getWidth(), captioned.getWidth());
    int belowImage = ImageGrid.DEFAULT_GAP + 84 + 1;
    int red =
        count(captioned, 0, belowImage, captioned.getWidth(), captioned.getHeight(), ImageGrid.RED);
    assertTrue(red > 20, "only " + red + " red pixels");
  }

  @Test
  void longCaptionsStayInsideTheirCell() {
    ImageGrid.Builder grid = ImageGrid.builder(28, 28).columns(2).gap(6);
    grid.add(filled(784, 1f), "A caption much too long for one small cell", ImageGrid.GREEN);
    grid.add(filled(784, 1f), "Short", ImageGrid.RED);
    BufferedImage img = grid.build();
    int cellRight = 6 + 84;
    assertEquals(0, count(img, cellRight, 0, img.getWidth(), img.getHeight(), ImageGrid.GREEN));
    assertTrue(count(img, 0, 0, cellRight, img.getHeight(), ImageGrid.GREEN) > 0);
  }

  @Test
  void titleAddsABandOfTextOnTop() {
    BufferedImage plain = ImageGrid.builder(28, 28).add(filled(784, 1f)).build();
    BufferedImage titled = ImageGrid.builder(28, 28).title("Samples").add(filled(784, 1f)).build();
    int extra = titled.getHeight() - plain.getHeight();
    assertTrue(extra >= BitmapFont.standard().lineHeight(1), "extra height " + extra);
    assertTrue(count(titled, 0, 0, titled.getWidth(), extra, 0x000000) > 20);
  }

  @Test
  void wrongNumberOfValuesIsRejected() {
    ImageGrid.Builder grid = ImageGrid.builder(28, 28);
    assertThrows(IllegalArgumentException.class, () -> grid.add(new float[27 * 28]));
    assertEquals(0, grid.size());
  }

  @Test
  void writeProducesAReadablePng(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("grid.png");
    ImageGrid.Builder grid = ImageGrid.builder(28, 28).columns(3);
    for (int i = 0; i < 5; i++) {
      grid.add(filled(784, i / 4f), "class " + i, i % 2 == 0 ? ImageGrid.GREEN : ImageGrid.RED);
    }
    BufferedImage expected = grid.build();
    grid.write(file);
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(expected.getWidth(), read.getWidth());
    assertEquals(expected.getHeight(), read.getHeight());
    assertEquals(expected.getRGB(20, 20), read.getRGB(20, 20));
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private static int count(BufferedImage img, int x0, int y0, int x1, int y1, int rgb) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
