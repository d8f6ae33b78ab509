package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  private static final double[] EPOCHS = {1, 2, 3, 4, 5};
  private static final double[] LOSS = {2.3, 1.1, 0.7, 0.5, 0.45};

  @Test
  void defaultAndCustomSizes() {
    BufferedImage standard = LinePlot.builder().series("loss", EPOCHS, LOSS).build();
    assertEquals(LinePlot.DEFAULT_WIDTH, standard.getWidth());
    assertEquals(LinePlot.DEFAULT_HEIGHT, standard.getHeight());
    BufferedImage small = LinePlot.builder().size(640, 360).series("loss", EPOCHS, LOSS).build();
    assertEquals(640, small.getWidth());
    assertEquals(360, small.getHeight());
  }

  @Test
  void eachSeriesIsDrawnInItsColour() {
    BufferedImage img =
        LinePlot.builder()
            .title("Training")
            .xLabel("epoch")
            .yLabel("loss")
            .series("train", EPOCHS, LOSS, 0xFF0000)
            .series("validation", EPOCHS, new double[] {2.4, 1.5, 1.0, 0.9, 0.95}, 0x00AA00)
            .build();
    assertTrue(count(img, 0xFF0000) > 200, "red " + count(img, 0xFF0000));
    assertTrue(count(img, 0x00AA00) > 200, "green " + count(img, 0x00AA00));
  }

  @Test
  void emptyConstantAndNonFiniteDataStillRender() {
    assertEquals(LinePlot.DEFAULT_WIDTH, LinePlot.builder().title("empty").build().getWidth());
    BufferedImage flat = LinePlot.builder().series("flat", new double[] {3, 3, 3}).build();
    assertTrue(count(flat, 0x1F77B4) > 50);
    double[] ys = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2};
    BufferedImage gaps = LinePlot.builder().series("gaps", EPOCHS, ys, 0x0000FF).build();
    assertTrue(count(gaps, 0x0000FF) > 20);
  }

  @Test
  void fixedRangeClipsPointsOutsideIt() {
    BufferedImage img =
        LinePlot.builder()
            .yRange(0, 1)
            .series("acc", EPOCHS, new double[] {0.2, 0.5, 5.0, 0.8, -3.0}, 0xAA00AA)
            .build();
    assertTrue(count(img, 0xAA00AA) > 50);
  }

  @Test
  void mismatchedSeriesIsRejected() {
    LinePlot.Builder plot = LinePlot.builder();
    assertThrows(
        IllegalArgumentException.class,
        () -> plot.series("bad", new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> plot.yRange(1, 1));
    assertThrows(IllegalArgumentException.class, () -> plot.size(10, 10));
  }

  @Test
  void writeProducesAReadablePng(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("curves.png");
    LinePlot.builder().title("t").series("loss", LOSS).write(file);
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(LinePlot.DEFAULT_WIDTH, read.getWidth());
    assertEquals(LinePlot.DEFAULT_HEIGHT, read.getHeight());
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
