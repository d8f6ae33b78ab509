package dev.zoo.api.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Per-column standardisation {@code z = (x - mean) / std}, with the mean and the (population)
 * standard deviation of the training data, kept in a checkpoint's {@code model.json} as lists
 * {@code mean} and {@code std}. A constant column gets a deviation of 1.
 *
 * @param mean one mean per column
 * @param std one standard deviation per column, each above 0
 */
public record Standardisation(double[] mean, double[] std) {

  /** The statistics of the first {@code end} values of every column. */
  public static Standardisation of(List<double[]> columns, int end) {
    return of(columns, end, s -> s > 1e-8 ? s : 1);
  }

  /**
   * The statistics of the first {@code end} values of every column, each column's deviation as
   * {@code deviation} makes it from the measured one (e.g. a floor above 0 for constant columns).
   */
  public static Standardisation of(List<double[]> columns, int end, DoubleUnaryOperator deviation) {
    double[] mean = new double[columns.size()];
    double[] std = new double[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      double[] v = columns.get(c);
      double sum = 0;
      for (int t = 0; t < end; t++) {
        sum += v[t];
      }
      mean[c] = sum / end;
      double squares = 0;
      for (int t = 0; t < end; t++) {
        squares += (v[t] - mean[c]) * (v[t] - mean[c]);
      }
      std[c] = deviation.applyAsDouble(Math.sqrt(squares / end));
    }
    return new Standardisation(mean, std);
  }

  /** The statistics as {@code model.json} keeps them, under {@code mean} and {@code std}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", list(mean));
    m.put("std", list(std));
    return m;
  }

  /** The statistics {@link #toMap()} wrote, from a checkpoint's family-specific values. */
  public static Standardisation fromMap(Map<String, Object> values) {
    return new Standardisation(array(values.get("mean")), array(values.get("std")));
  }

  /** Column {@code c}'s value standardised. */
  public double apply(int c, double value) {
    return (value - mean[c]) / std[c];
  }

  /** The value of column {@code c} that standardises to {@code z}. */
  public double invert(int c, double z) {
    return z * std[c] + mean[c];
  }

  /** Row-major rows of {@code mean.length} columns, standardised into a new array. */
  public float[] applyRows(float[] rows) {
    float[] z = new float[rows.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) apply(i % mean.length, rows[i]);
    }
    return z;
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static double[] array(Object list) {
    List<?> values = (List<?>) list;
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).doubleValue();
    }
    return out;
  }
}
