package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {
  private static final List<String> FASHION = FashionMnist.CLASS_NAMES;

  @Test
  void writtenPngHasAPlausibleSizeAndContent(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("confusion.png");
    ConfusionMatrixPlot.write(file, sample(10), FASHION, "Confusion matrix \u2014 accuracy 0.873");
    BufferedImage img = ImageIO.read(file.toFile());
    assertTrue(img.getWidth() >= 10 * 40 && img.getWidth() <= 1600, "width " + img.getWidth());
    assertTrue(img.getHeight() >= 10 * 40 && img.getHeight() <= 1600, "height " + img.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        colours.add(img.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertTrue(colours.size() > 20, "only " + colours.size() + " colours");
    assertTrue(colours.contains(0xFFFFFF));
    assertTrue(colours.contains(0x000000));
  }

  @Test
  void confidentMatrixIsDarkerThanAUniformOne() {
    int n = 6;
    int[][] diagonal = new int[n][n];
    int[][] uniform = new int[n][n];
    for (int t = 0; t < n; t++) {
      diagonal[t][t] = 60;
      for (int p = 0; p < n; p++) {
        uniform[t][p] = 10;
      }
    }
    List<String> names = List.of("a", "b", "c", "d", "e", "f");
    long strongBlue = countStrongBlue(ConfusionMatrixPlot.render(diagonal, names, "diagonal"));
    long paleBlue = countStrongBlue(ConfusionMatrixPlot.render(uniform, names, "uniform"));
    assertTrue(strongBlue > paleBlue + 5 * 40 * 40, strongBlue + " vs " + paleBlue);
  }

  @Test
  void largerCountsMakeWiderCells() {
    List<String> names = List.of("x", "y");
    int[][] small = {{1, 2}, {3, 4}};
    int[][] large = {{1_000_000, 2}, {3, 4}};
    int narrow = ConfusionMatrixPlot.render(small, names, "").getWidth();
    int wide = ConfusionMatrixPlot.render(large, names, "").getWidth();
    assertTrue(wide > narrow, wide + " vs " + narrow);
  }

  @Test
  void invalidInputIsRejected() {
    List<String> two = List.of("a", "b");
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render(new int[][] {{1, 2}, {3}}, two, "t"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render(new int[][] {{1, 2}, {3, 4}}, List.of("a"), "t"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render(new int[][] {{1, -2}, {3, 4}}, two, "t"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfusionMatrixPlot.render(new int[0][], List.of(), "t"));
  }

  @Test
  void accuracyIsTheDiagonalShare() {
    assertEquals(0.75, ConfusionMatrixPlot.accuracy(new int[][] {{2, 1}, {0, 1}}), 1e-12);
    assertEquals(0.0, ConfusionMatrixPlot.accuracy(new int[][] {{0, 0}, {0, 0}}), 0.0);
  }

  private static int[][] sample(int n) {
    int[][] m = new int[n][n];
    for (int t = 0; t < n; t++) {
      for (int p = 0; p < n; p++) {
        m[t][p] = t == p ? 800 + 17 * t : (t * 7 + p * 3) % 25;
      }
    }
    return m;
  }

  private static long countStrongBlue(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int b = rgb & 0xFF;
        if (b - r > 80) {
          n++;
        }
      }
    }
    return n;
  }
}
