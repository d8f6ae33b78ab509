package dev.zoo.rnn;

import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.Sha256;
import dev.zoo.api.data.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A numeric time series of one or more named columns, oldest value first. The first column is the
 * one to forecast; the others are extra inputs.
 */
public final class Series implements DataSource {

  /** The name of the generated series' column. */
  public static final String GENERATED_COLUMN = "value";

  private final List<String> names;
  private final double[][] values;
  private final String origin;

  private Series(List<String> names, double[][] values, String origin) {
    this.names = List.copyOf(names);
    this.values = values;
    this.origin = origin;
  }

  /**
   * A series from columns of equal length.
   *
   * @param names the column names, the forecast target first
   * @param values one array per column
   * @throws InvalidDataException when the names and columns do not match or the columns differ in
   *     length
   */
  public static Series of(List<String> names, double[][] values) {
    if (names.isEmpty() || names.size() != values.length) {
      throw new InvalidDataException("A series needs one name for each of its columns.");
    }
    for (double[] column : values) {
      if (column.length != values[0].length) {
        throw new InvalidDataException("The columns of a series must have the same length.");
      }
    }
    return new Series(names, values, "a series of " + values[0].length + " values");
  }

  /**
   * Reads the named columns of a CSV file with a header row.
   *
   * @param columns comma-separated column names, the forecast target first
   * @throws InvalidDataException when the file cannot be read, lacks a column or holds a value that
   *     is not a number
   * @throws InvalidSettingException when {@code columns} names no column
   */
  public static Series fromCsv(Path file, String columns) {
    CsvTable table = CsvTable.read(file);
    List<String> names = parseColumns(columns, table);
    double[][] values = new double[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      values[i] = table.numbers(names.get(i));
    }
    if (values[0].length == 0) {
      throw new InvalidDataException("CSV file " + file + " has a header but no values.");
    }
    return new Series(names, values, file.toString());
  }

  private static List<String> parseColumns(String columns, CsvTable table) {
    List<String> names = new ArrayList<>();
    for (String part : (columns == null ? "" : columns).split(",")) {
      if (!part.isBlank()) {
        table.column(part.trim());
        names.add(part.trim());
      }
    }
    if (names.isEmpty()) {
      throw new InvalidSettingException(
          "Name the column to forecast with --column; "
              + table.file()
              + " has the columns: "
              + String.join(", ", table.header())
              + ".");
    }
    return names;
  }

  /**
   * A seeded synthetic series of {@code length} values: a linear trend, two seasons (periods 12 and
   * 50) and Gaussian noise.
   */
  public static Series generated(int length, long seed) {
    Random random = new Random(seed);
    double[] v = new double[length];
    for (int t = 0; t < length; t++) {
      v[t] =
          20
              + 0.02 * t
              + 3 * Math.sin(2 * Math.PI * t / 12)
              + 2 * Math.sin(2 * Math.PI * t / 50)
              + 0.4 * random.nextGaussian();
    }
    return new Series(
        List.of(GENERATED_COLUMN),
        new double[][] {v},
        "a generated series (trend, seasons of 12 and 50 steps, noise; seed " + seed + ")");
  }

  /** The number of time steps. */
  public int length() {
    return values[0].length;
  }

  /** The column names, the forecast target first. */
  public List<String> names() {
    return names;
  }

  /** The values of column {@code i}. */
  public double[] column(int i) {
    return values[i];
  }

  /** The values of every column, in order (not copies). */
  public List<double[]> columns() {
    return Arrays.asList(values);
  }

  /** The number of columns. */
  public int width() {
    return values.length;
  }

  /** Where the series came from, for messages and provenance. */
  @Override
  public String source() {
    return origin;
  }

  /** A SHA-256 over the column names and the exact values, column after column. */
  @Override
  public String sha256() {
    return Sha256.hasher().putColumns(names, columns()).hex();
  }

  /**
   * The first {@code n} steps, e.g. the training part.
   *
   * @throws InvalidDataException when {@code n} is not in {@code 1 .. length()}
   */
  public Series first(int n) {
    return range(0, n);
  }

  /**
   * The last {@code n} steps, e.g. the validation part or the recent values to forecast from.
   *
   * @throws InvalidDataException when {@code n} is not in {@code 1 .. length()}
   */
  public Series last(int n) {
    return range(length() - n, length());
  }

  private Series range(int from, int to) {
    if (from < 0 || to > length() || from >= to) {
      throw new InvalidDataException(
          "A series of " + length() + " values has no steps " + from + " to " + to + ".");
    }
    double[][] part = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      part[i] = Arrays.copyOfRange(values[i], from, to);
    }
    return new Series(names, part, origin);
  }

  /**
   * This series followed by {@code next}, e.g. a training part and the validation part after it.
   *
   * @throws InvalidDataException when the two have other columns
   */
  public Series followedBy(Series next) {
    if (!next.names.equals(names)) {
      throw new InvalidDataException(
          "A series of the columns "
              + String.join(", ", next.names)
              + " cannot follow one of "
              + String.join(", ", names)
              + ".");
    }
    double[][] joined = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      joined[i] = Arrays.copyOf(values[i], length() + next.length());
      System.arraycopy(next.values[i], 0, joined[i], length(), next.length());
    }
    return new Series(names, joined, origin);
  }
}
