package dev.zoo.api.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart for training curves: named series of (x, y) points on auto-scaled axes with tick
 * labels, a legend to the right of the plot area and an optional title and axis labels.
 *
 * <pre>{@code
 * BufferedImage chart = LinePlot.builder()
 *     .title("Training")
 *     .xLabel("epoch")
 *     .yLabel("loss")
 *     .series("train", epochs, trainLoss)
 *     .series("validation", epochs, validationLoss)
 *     .build();
 * }</pre>
 *
 * <p>Points with a non-finite coordinate are skipped and break the line.
 */
public final class LinePlot {

  /** Default image width in pixels. */
  public static final int DEFAULT_WIDTH = 800;

  /** Default image height in pixels. */
  public static final int DEFAULT_HEIGHT = 500;

  private static final int[] PALETTE = {
    0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22,
    0x17BECF
  };
  private static final int BACKGROUND = 0xFFFFFF;
  private static final int TEXT = 0x000000;
  private static final int GRID = 0xE4E4E4;
  private static final int AXIS = 0x404040;
  private static final int MARGIN = 14;
  private static final int TICK = 5;
  private static final int TITLE_SCALE = 2;
  private static final int LABEL_SCALE = 2;
  private static final int TICK_SCALE = 2;
  private static final int SWATCH = 24;
  private static final int MIN_SIZE = 160;

  private LinePlot() {}

  /** Starts an empty plot. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects series and options for one line chart. */
  public static final class Builder {
    private final BitmapFont font = BitmapFont.standard();
    private final List<Series> series = new ArrayList<>();
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private double[] xRange;
    private double[] yRange;
    private double dotRadius;

    private Builder() {}

    /** Sets the title drawn centred above the plot; null or blank for none. */
    public Builder title(String title) {
      this.title = clean(title);
      return this;
    }

    /** Sets the label under the x axis; null or blank for none. */
    public Builder xLabel(String label) {
      this.xLabel = clean(label);
      return this;
    }

    /** Sets the label beside the y axis, read from bottom to top; null or blank for none. */
    public Builder yLabel(String label) {
      this.yLabel = clean(label);
      return this;
    }

    /** Sets the image size in pixels; both must be at least 160. */
    public Builder size(int width, int height) {
      if (width < MIN_SIZE || height < MIN_SIZE) {
        throw new IllegalArgumentException(
            "plot must be at least " + MIN_SIZE + "x" + MIN_SIZE + ", got " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    /** Fixes the x axis to [{@code min}, {@code max}] instead of fitting it to the data. */
    public Builder xRange(double min, double max) {
      this.xRange = checkRange(min, max);
      return this;
    }

    /** Fixes the y axis to [{@code min}, {@code max}] instead of fitting it to the data. */
    public Builder yRange(double min, double max) {
      this.yRange = checkRange(min, max);
      return this;
    }

    /**
     * Draws every series as unconnected dots of {@code radius} pixels instead of lines: a scatter
     * plot (see {@link ScatterPlot}).
     */
    public Builder dots(double radius) {
      if (!(radius > 0 && radius < 20)) {
        throw new IllegalArgumentException("dot radius must be in (0, 20), got " + radius);
      }
      this.dotRadius = radius;
      return this;
    }

    /** Adds a series drawn in the next palette colour. */
    public Builder series(String name, double[] xs, double[] ys) {
      return series(name, xs, ys, PALETTE[series.size() % PALETTE.length]);
    }

    /** Adds a series with x values 1, 2, 3, ... (for example epochs). */
    public Builder series(String name, double[] ys) {
      double[] xs = new double[ys.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i + 1;
      }
      return series(name, xs, ys);
    }

    /** Adds a series drawn in colour {@code rgb} (0xRRGGBB). */
    public Builder series(String name, double[] xs, double[] ys, int rgb) {
      if (xs.length != ys.length) {
        throw new IllegalArgumentException(
            "series '" + name + "' has " + xs.length + " x values but " + ys.length + " y values");
      }
      String label = clean(name);
      if (label.isEmpty()) {
        label = "series " + (series.size() + 1);
      }
      series.add(new Series(label, xs.clone(), ys.clone(), rgb & 0xFFFFFF));
      return this;
    }

    /** Draws the chart. */
    public BufferedImage build() {
      double[] xData = dataRange(true);
      double[] yData = dataRange(false);

      int tickH = font.lineHeight(TICK_SCALE);
      int top = MARGIN + (title.isEmpty() ? 0 : font.lineHeight(TITLE_SCALE) + MARGIN);
      int bottom =
          MARGIN + TICK + 4 + tickH + (xLabel.isEmpty() ? 0 : font.lineHeight(LABEL_SCALE) + 4);
      int plotH = height - top - bottom;
      PlotGeometry.Axis yAxis =
          PlotGeometry.Axis.of(yData, yRange, Math.max(2, Math.min(10, plotH / 60)));

      int yTickW = 0;
      for (int i = 0; i < yAxis.ticks.length; i++) {
        yTickW = Math.max(yTickW, font.textWidth(yAxis.labels[i], TICK_SCALE));
      }
      int left =
          MARGIN + (yLabel.isEmpty() ? 0 : font.inkHeight(LABEL_SCALE) + 10) + yTickW + TICK + 5;
      int legendTextW = 0;
      List<String> names = new ArrayList<>();
      for (Series s : series) {
        String name = font.truncate(s.name, width / 4, LABEL_SCALE);
        names.add(name);
        legendTextW = Math.max(legendTextW, font.textWidth(name, LABEL_SCALE));
      }
      int legendW = series.isEmpty() ? 0 : MARGIN + SWATCH + 6 + legendTextW;
      int right = MARGIN + legendW;
      int plotW = width - left - right;
      if (plotW < 40 || plotH < 40) {
        throw new IllegalArgumentException(
            "plot of " + width + "x" + height + " leaves no room for the data; make it larger");
      }
      int xTickW = 0;
      PlotGeometry.Axis xAxis =
          PlotGeometry.Axis.of(xData, xRange, Math.max(2, Math.min(10, plotW / 80)));
      for (String label : xAxis.labels) {
        xTickW = Math.max(xTickW, font.textWidth(label, TICK_SCALE));
      }
      if (xAxis.ticks.length > 2 && xTickW + 12 > plotW / (xAxis.ticks.length - 1)) {
        xAxis = PlotGeometry.Axis.of(xData, xRange, Math.max(2, plotW / (xTickW + 24)));
      }

      BufferedImage img = Pixels.blank(width, height, BACKGROUND);
      if (!title.isEmpty()) {
        String shown = font.truncate(title, width - 2 * MARGIN, TITLE_SCALE);
        font.draw(
            img,
            shown,
            (width - font.textWidth(shown, TITLE_SCALE)) / 2,
            MARGIN,
            TEXT,
            TITLE_SCALE);
      }

      for (int i = 0; i < yAxis.ticks.length; i++) {
        int py = top + (int) Math.round(yAxis.toPixel(yAxis.ticks[i], plotH - 1, true));
        Pixels.fillRect(img, left, py, plotW, 1, GRID);
        Pixels.fillRect(img, left - TICK, py, TICK, 1, AXIS);
        String label = yAxis.labels[i];
        font.draw(
            img,
            label,
            left - TICK - 4 - font.textWidth(label, TICK_SCALE),
            py - font.inkHeight(TICK_SCALE) / 2,
            TEXT,
            TICK_SCALE);
      }
      for (int i = 0; i < xAxis.ticks.length; i++) {
        int px = left + (int) Math.round(xAxis.toPixel(xAxis.ticks[i], plotW - 1, false));
        Pixels.fillRect(img, px, top, 1, plotH, GRID);
        Pixels.fillRect(img, px, top + plotH, 1, TICK, AXIS);
        String label = xAxis.labels[i];
        font.draw(
            img,
            label,
            px - font.textWidth(label, TICK_SCALE) / 2,
            top + plotH + TICK + 4,
            TEXT,
            TICK_SCALE);
      }

      for (Series s : series) {
        PlotGeometry.drawSeries(
            img, s.xs, s.ys, s.rgb, dotRadius, xAxis, yAxis, new int[] {left, top, plotW, plotH});
      }
      Pixels.strokeRect(img, left - 1, top - 1, plotW + 2, plotH + 2, AXIS);

      if (!xLabel.isEmpty()) {
        String shown = font.truncate(xLabel, plotW, LABEL_SCALE);
        font.draw(
            img,
            shown,
            left + (plotW - font.textWidth(shown, LABEL_SCALE)) / 2,
            height - MARGIN - font.inkHeight(LABEL_SCALE),
            TEXT,
            LABEL_SCALE);
      }
      if (!yLabel.isEmpty()) {
        String shown = font.truncate(yLabel, plotH, LABEL_SCALE);
        font.drawVertical(
            img,
            shown,
            MARGIN,
            top + (plotH - font.textWidth(shown, LABEL_SCALE)) / 2,
            TEXT,
            LABEL_SCALE);
      }

      int lx = left + plotW + MARGIN;
      int ly = top + 4;
      for (int i = 0; i < series.size(); i++) {
        int rgb = series.get(i).rgb;
        int midY = ly + font.inkHeight(LABEL_SCALE) / 2;
        Pixels.fillRect(img, lx, midY - 1, SWATCH, 3, rgb);
        font.draw(img, names.get(i), lx + SWATCH + 6, ly, TEXT, LABEL_SCALE);
        ly += font.lineHeight(LABEL_SCALE) + 6;
      }
      return img;
    }

    /** Draws the chart and writes it as a PNG file; see {@link Png#write}. */
    public void write(Path png) {
      Png.write(build(), png);
    }

    private double[] dataRange(boolean x) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Series s : series) {
        for (int i = 0; i < s.xs.length; i++) {
          if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
            double v = x ? s.xs[i] : s.ys[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
      return min <= max ? new double[] {min, max} : new double[] {0, 1};
    }

    private String clean(String s) {
      return s == null ? "" : s.strip();
    }

    private double[] checkRange(double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
        throw new IllegalArgumentException("need finite min < max, got " + min + ", " + max);
      }
      return new double[] {min, max};
    }
  }

  private record Series(String name, double[] xs, double[] ys, int rgb) {}
}
