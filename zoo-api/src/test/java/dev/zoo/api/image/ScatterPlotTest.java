package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScatterPlotTest {

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  /** The leftmost column holding the colour, or -1. */
  private static int leftmost(BufferedImage img, int rgb) {
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return x;
        }
      }
    }
    return -1;
  }

  @Test
  void eachClassIsDrawnInItsOwnColourWhereItsPointsAre() {
    int n = 200;
    double[] xs = new double[n];
    double[] ys = new double[n];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = i % 2;
      xs[i] = classes[i] == 0 ? -2 - (i % 7) * 0.1 : 2 + (i % 7) * 0.1;
      ys[i] = (i % 11) * 0.2;
    }
    BufferedImage img =
        ScatterPlot.of(List.of("left", "right"))
            .title("Two clusters")
            .axes("z1", "z2")
            .radius(3)
            .points(xs, ys, classes)
            .build();
    int blue = ScatterPlot.PALETTE[0];
    int orange = ScatterPlot.PALETTE[1];
    assertTrue(count(img, blue) > 100, "blue " + count(img, blue));
    assertTrue(count(img, orange) > 100, "orange " + count(img, orange));
    assertTrue(leftmost(img, blue) < leftmost(img, orange), "class 0 lies left of class 1");
    assertEquals(LinePlot.DEFAULT_WIDTH, img.getWidth());
  }

  @Test
  void refusesMismatchedPointsAndUnknownClasses() {
    ScatterPlot plot = ScatterPlot.of(List.of("a", "b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> plot.points(new double[] {1}, new double[] {1, 2}, new int[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> plot.points(new double[] {1}, new double[] {1}, new int[] {2}));
    assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(List.of()));
  }
}
