package dev.zoo.rnn;

import java.util.ArrayList;
import java.util.List;

/** Per-column mean and standard deviation, taken from the training part of a series. */
record Normalisation(double[] mean, double[] std) {

  /** The statistics of the first {@code end} steps of every column. */
  static Normalisation of(Series series, int end) {
    double[] mean = new double[series.width()];
    double[] std = new double[series.width()];
    for (int c = 0; c < series.width(); c++) {
      double[] v = series.column(c);
      double sum = 0;
      for (int t = 0; t < end; t++) {
        sum += v[t];
      }
      mean[c] = sum / end;
      double squares = 0;
      for (int t = 0; t < end; t++) {
        squares += (v[t] - mean[c]) * (v[t] - mean[c]);
      }
      // A constant column would divide by zero; it carries no information either way.
      std[c] = Math.max(Math.sqrt(squares / end), 1e-8);
    }
    return new Normalisation(mean, std);
  }

  double apply(int column, double value) {
    return (value - mean[column]) / std[column];
  }

  double invert(int column, double value) {
    return value * std[column] + mean[column];
  }

  List<Double> meanList() {
    return toList(mean);
  }

  List<Double> stdList() {
    return toList(std);
  }

  private static List<Double> toList(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  static double[] fromList(Object list) {
    List<?> values = (List<?>) list;
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).doubleValue();
    }
    return out;
  }
}
