package dev.zoo.rnn;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.Standardisation;
import java.util.Locale;

/**
 * A series normalised with fixed statistics and cut into forecasting examples: the inputs are
 * {@code context} steps of every column, the targets the next {@code horizon} values of the first
 * column. Training examples lie wholly in the part before {@code trainEnd}; the evaluation part
 * after it is forecast block by block from the {@code context} values before each block.
 */
final class SeriesWindows {

  private final Series series;
  private final float[][] normalised;
  private final int context;
  private final int horizon;
  private final int trainEnd;

  SeriesWindows(Series series, Standardisation stats, int context, int horizon, int trainEnd) {
    this.series = series;
    this.context = context;
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
   * The examples of {@code train} and the evaluation blocks of {@code validation}, the values that
   * follow it.
   *
   * @throws InvalidDataException when {@code train} is too short for one window and its horizon, or
   *     {@code validation} is shorter than the horizon
   */
  static SeriesWindows of(
      Series train, Series validation, Standardisation stats, int context, int horizon) {
    if (train.length() < context + horizon + 1) {
      throw new InvalidDataException(
          String.format(
              Locale.ROOT,
              "The training series has %d values, too few for windows of %d and a horizon of %d:"
                  + " it needs at least %d.",
              train.length(),
              context,
              horizon,
              context + horizon + 1));
    }
    if (validation.length() < horizon) {
      throw new InvalidDataException(
          "The validation series has "
              + validation.length()
              + " values, fewer than the horizon ("
              + horizon
              + ").");
    }
    return new SeriesWindows(train.followedBy(validation), stats, context, horizon, train.length());
  }

  /**
   * Where the evaluation part starts when the last {@code testFraction} of {@code length} values is
   * held out, after checking that both parts are long enough.
   *
   * @throws InvalidDataException when the series is too short for the context and horizon
   */
  static int trainEnd(int length, int context, int horizon, double testFraction) {
    if (horizon > length) {
      throw new InvalidDataException(
          "The horizon ("
              + horizon
              + ") is longer than the series ("
              + length
              + " values); use a shorter --horizon or a longer series.");
    }
    int end = (int) Math.round(length * (1 - testFraction));
    if (length - end < horizon || end < context + horizon + 1) {
      int needed =
          (int)
              Math.ceil(
                  Math.max((context + horizon + 1) / (1 - testFraction), horizon / testFraction));
      throw new InvalidDataException(
          String.format(
              Locale.ROOT,
              "The series has %d values, too few for windows of %d and a horizon of %d with %.0f%%"
                  + " held out: it needs at least %d.",
              length,
              context,
              horizon,
              testFraction * 100,
              needed));
    }
    return end;
  }

  /** The number of training examples. */
  int trainSize() {
    return trainEnd - context - horizon + 1;
  }

  /** The inputs of the examples starting at {@code starts}, row after row. */
  float[] inputs(int[] starts) {
    int width = series.width();
    float[] out = new float[starts.length * context * width];
    int k = 0;
    for (int s : starts) {
      for (int t = s; t < s + context; t++) {
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
      for (int t = s + context; t < s + context + horizon; t++) {
        out[k++] = normalised[t][0] - lastInput(s);
      }
    }
    return out;
  }

  /** The last normalised target value of the window starting at {@code start}. */
  float lastInput(int start) {
    return normalised[start + context - 1][0];
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
      starts[i] = origins[i] - context;
    }
    return starts;
  }

  int horizon() {
    return horizon;
  }

  int context() {
    return context;
  }

  int trainEnd() {
    return trainEnd;
  }

  Series series() {
    return series;
  }
}
