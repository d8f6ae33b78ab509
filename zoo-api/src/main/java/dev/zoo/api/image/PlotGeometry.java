package dev.zoo.api.image;

import java.awt.image.BufferedImage;
import java.util.Locale;

/** The geometry of {@link LinePlot}: axes with round ticks, and anti-aliased line segments. */
final class PlotGeometry {

  private static final double LINE_HALF_WIDTH = 1.1;
  private static final double MARKER_RADIUS = 3.2;
  private static final int MARKER_LIMIT = 40;

  private PlotGeometry() {}

  /**
   * Draws one series anti-aliased into {@code box} (left, top, width, height): a line through its
   * finite points, with markers when there are few, or dots of {@code dotRadius} when positive.
   */
  static void drawSeries(
      BufferedImage img,
      double[] xs,
      double[] ys,
      int rgb,
      double dotRadius,
      Axis xAxis,
      Axis yAxis,
      int[] box) {
    int left = box[0];
    int top = box[1];
    int w = box[2];
    int h = box[3];
    float[] coverage = new float[w * h];
    double prevX = Double.NaN;
    double prevY = Double.NaN;
    int finite = 0;
    for (int i = 0; i < xs.length; i++) {
      if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
        finite++;
      }
    }
    boolean markers = finite <= MARKER_LIMIT;
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
        prevX = Double.NaN;
        continue;
      }
      double px = xAxis.toPixel(xs[i], w - 1, false);
      double py = yAxis.toPixel(ys[i], h - 1, true);
      if (dotRadius > 0) {
        segment(coverage, w, h, px, py, px, py, dotRadius);
        continue;
      }
      if (!Double.isNaN(prevX)) {
        segment(coverage, w, h, prevX, prevY, px, py, LINE_HALF_WIDTH);
      } else {
        segment(coverage, w, h, px, py, px, py, LINE_HALF_WIDTH);
      }
      if (markers) {
        segment(coverage, w, h, px, py, px, py, MARKER_RADIUS);
      }
      prevX = px;
      prevY = py;
    }
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        float c = coverage[j * w + i];
        if (c > 0) {
          Pixels.blend(img, left + i, top + j, rgb, c);
        }
      }
    }
  }

  /** Marks the pixels within {@code r} of the segment from (x0, y0) to (x1, y1). */
  static void segment(
      float[] coverage, int w, int h, double x0, double y0, double x1, double y1, double r) {
    double pad = r + 1;
    int minX = (int) Math.max(0, Math.floor(Math.min(x0, x1) - pad));
    int maxX = (int) Math.min(w - 1, Math.ceil(Math.max(x0, x1) + pad));
    int minY = (int) Math.max(0, Math.floor(Math.min(y0, y1) - pad));
    int maxY = (int) Math.min(h - 1, Math.ceil(Math.max(y0, y1) + pad));
    double dx = x1 - x0;
    double dy = y1 - y0;
    double len2 = dx * dx + dy * dy;
    for (int y = minY; y <= maxY; y++) {
      for (int x = minX; x <= maxX; x++) {
        double t = len2 == 0 ? 0 : ((x - x0) * dx + (y - y0) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        double ex = x - (x0 + t * dx);
        double ey = y - (y0 + t * dy);
        double c = r + 0.5 - Math.sqrt(ex * ex + ey * ey);
        if (c > 0) {
          int k = y * w + x;
          coverage[k] = (float) Math.max(coverage[k], Math.min(1, c));
        }
      }
    }
  }

  /** An axis range with evenly spaced ticks at round numbers. */
  static final class Axis {
    final double min;
    final double max;
    final double[] ticks;
    final String[] labels;

    private Axis(double min, double max, double step) {
      this.min = min;
      this.max = max;
      long first = (long) Math.ceil(min / step - 1e-9);
      long last = (long) Math.floor(max / step + 1e-9);
      long span = last - first + 1;
      int count = span > 0 && span <= 100 ? (int) span : 0;
      ticks = new double[count];
      labels = new String[count];
      for (int i = 0; i < count; i++) {
        double v = (first + i) * step;
        if (Math.abs(v) < step * 1e-6) {
          v = 0;
        }
        ticks[i] = v;
        labels[i] = format(v, step);
      }
    }

    static Axis of(double[] data, double[] fixed, int target) {
      double lo = fixed != null ? fixed[0] : data[0];
      double hi = fixed != null ? fixed[1] : data[1];
      if (!(hi > lo)) {
        double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
      }
      double step = niceStep((hi - lo) / Math.max(1, target));
      if (fixed == null) {
        lo = Math.floor(lo / step + 1e-9) * step;
        hi = Math.ceil(hi / step - 1e-9) * step;
      }
      return new Axis(lo, hi, step);
    }

    double toPixel(double v, int span, boolean flip) {
      double t = (v - min) / (max - min);
      return (flip ? 1 - t : t) * span;
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double norm = raw / magnitude;
      double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
      return nice * magnitude;
    }

    private static String format(double v, double step) {
      if (v == 0) {
        return "0";
      }
      if (step >= 1e6 || step < 1e-4) {
        return String.format(Locale.ROOT, "%.2e", v);
      }
      int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
  }
}
