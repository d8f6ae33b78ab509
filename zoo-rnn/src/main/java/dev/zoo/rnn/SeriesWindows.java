package dev.zoo.rnn;

import dev.zoo.api.common.ZooException;
import java.util.Locale;

/**
 * A series normalised with fixed statistics and cut into forecasting examples: the inputs are
 * {@code window} steps of every column, the targets the next {@code horizon} values of the first
 * column. Training examples lie wholly in the first part of the series; the evaluation part (the
 * last {@code testFraction} of it) is forecast block by block from the history before each block.
 */
final class SeriesWindows {

  private final Series series;
  private final float[][] normalised;
  private final int window;
  private final int horizon;
  private final int trainEnd;

  SeriesWindows(Series series, Normalisation stats, int window, int horizon, int trainEnd) {
    this.series = series;
    this.window = window;
    this.horizon = horizon;
    this.trainEnd = trainEnd;
    this.normalised = new float[series.length()][series.width()];
    for (int c = 0; c < series.width(); c++) {
      double[] column = series.column(c);
      for (int t = 0; t < column.length; t++) {
        normalised[t][c] = (float) stats.apply(c, column[t]);
      }
    }
  }

  /**
   * Where the evaluation part starts for {@code length} values, after checking that both parts are
   * long enough.
   */
  static int trainEnd(int length, int window, int horizon, double testFraction) {
    if (horizon > length) {
      throw new ZooException(
          "The horizon ("
              + horizon
              + ") is longer than the series ("
              + length
              + " values); use a shorter --horizon or a longer series.");
    }
    int end = (int) Math.round(length * (1 - testFraction));
    if (length - end < horizon || end < window + horizon + 1) {
      int needed =
          (int)
              Math.ceil(
                  Math.max((window + horizon + 1) / (1 - testFraction), horizon / testFraction));
      throw new ZooException(
          String.format(
              Locale.ROOT,
              "The series has %d values, too few for windows of %d and a horizon of %d with %.0f%%"
                  + " held out: it needs at least %d.",
              length,
              window,
              horizon,
              testFraction * 100,
              needed));
    }
    return end;
  }

  /** The number of training examples. */
  int trainSize() {
    return trainEnd - window - horizon + 1;
  }

  /** The inputs of the examples starting at {@code starts}, row after row. */
  float[] inputs(int[] starts) {
    int width = series.width();
    float[] out = new float[starts.length * window * width];
    int k = 0;
    for (int s : starts) {
      for (int t = s; t < s + window; t++) {
        for (int c = 0; c < width; c++) {
          out[k++] = normalised[t][c];
        }
      }
    }
    return out;
  }

  /**
   * The targets of the examples starting at {@code starts}: each next normalised value minus the
   * last input value, so that the model learns the change and carries a trend beyond the levels it
   * saw in training.
   */
  float[] targets(int[] starts) {
    float[] out = new float[starts.length * horizon];
    int k = 0;
    for (int s : starts) {
      for (int t = s + window; t < s + window + horizon; t++) {
        out[k++] = normalised[t][0] - lastInput(s);
      }
    }
    return out;
  }

  /** The last normalised target value of the window starting at {@code start}. */
  float lastInput(int start) {
    return normalised[start + window - 1][0];
  }

  /** The first forecast step of each evaluation block. */
  int[] testOrigins() {
    int count = (series.length() - trainEnd) / horizon;
    int[] origins = new int[count];
    for (int i = 0; i < count; i++) {
      origins[i] = trainEnd + i * horizon;
    }
    return origins;
  }

  /** The example starts whose forecasts begin at {@code origins}. */
  int[] startsFor(int[] origins) {
    int[] starts = new int[origins.length];
    for (int i = 0; i < origins.length; i++) {
      starts[i] = origins[i] - window;
    }
    return starts;
  }

  int horizon() {
    return horizon;
  }

  int window() {
    return window;
  }

  int trainEnd() {
    return trainEnd;
  }

  Series series() {
    return series;
  }
}
