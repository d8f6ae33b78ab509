package dev.zoo.api.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A scatter plot of labelled 2-D points, one colour per class with a legend of class names, on
 * auto-scaled axes — for example a VAE's latent means of a test set coloured by class.
 *
 * <pre>{@code
 * ScatterPlot.of(List.of("cat", "dog"))
 *     .title("Latent means")
 *     .axes("z1", "z2")
 *     .points(xs, ys, classes)
 *     .write(Path.of("latent.png"));
 * }</pre>
 */
public final class ScatterPlot {

  /** Ten colours that stay apart from each other (the usual categorical palette). */
  static final int[] PALETTE = {
    0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22,
    0x17BECF
  };

  private final List<String> classes;
  private String title = "";
  private String xLabel = "";
  private String yLabel = "";
  private double[] xs = new double[0];
  private double[] ys = new double[0];
  private int[] labels = new int[0];
  private double radius = 1.6;

  private ScatterPlot(List<String> classes) {
    this.classes = List.copyOf(classes);
  }

  /** Starts a plot of points of these classes, in legend order. */
  public static ScatterPlot of(List<String> classes) {
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("a scatter plot needs at least one class");
    }
    return new ScatterPlot(classes);
  }

  /** Sets the title. */
  public ScatterPlot title(String text) {
    this.title = text;
    return this;
  }

  /** Sets the labels of the x and y axes. */
  public ScatterPlot axes(String x, String y) {
    this.xLabel = x;
    this.yLabel = y;
    return this;
  }

  /** Sets the dot radius in pixels (default 1.6). */
  public ScatterPlot radius(double pixels) {
    this.radius = pixels;
    return this;
  }

  /**
   * Sets the points: point {@code i} at ({@code xs[i]}, {@code ys[i]}) of class {@code classOf[i]};
   * points with a non-finite coordinate are skipped.
   */
  public ScatterPlot points(double[] x, double[] y, int[] classOf) {
    if (x.length != y.length || x.length != classOf.length) {
      throw new IllegalArgumentException(
          "need as many y values and classes as x values, got "
              + x.length
              + ", "
              + y.length
              + ", "
              + classOf.length);
    }
    for (int c : classOf) {
      if (c < 0 || c >= classes.size()) {
        throw new IllegalArgumentException("class index " + c + " outside 0.." + classes.size());
      }
    }
    this.xs = x.clone();
    this.ys = y.clone();
    this.labels = classOf.clone();
    return this;
  }

  /** Draws the plot: one dot series per class, in class order. */
  public BufferedImage build() {
    LinePlot.Builder plot =
        LinePlot.builder()
            .size(LinePlot.DEFAULT_WIDTH, LinePlot.DEFAULT_WIDTH * 3 / 4)
            .title(title)
            .xLabel(xLabel)
            .yLabel(yLabel)
            .dots(radius);
    for (int c = 0; c < classes.size(); c++) {
      int count = 0;
      for (int label : labels) {
        count += label == c ? 1 : 0;
      }
      double[] cx = new double[count];
      double[] cy = new double[count];
      int k = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          cx[k] = xs[i];
          cy[k] = ys[i];
          k++;
        }
      }
      plot.series(classes.get(c), cx, cy, PALETTE[c % PALETTE.length]);
    }
    return plot.build();
  }

  /** Draws the plot and writes it as a PNG file; see {@link Png#write}. */
  public void write(Path png) {
    Png.write(build(), png);
  }
}
