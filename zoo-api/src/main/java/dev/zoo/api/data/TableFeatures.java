package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a classifier of table rows learns from its training table before any weight: which column
 * holds the classes and which classes there are, the feature columns in order, and their {@link
 * Standardisation}. A checkpoint keeps the columns and statistics in {@code model.json}'s
 * family-specific values ({@code columns}, {@code mean}, {@code std}), the label as a
 * hyper-parameter and the classes as the model's labels.
 *
 * @param label the class column
 * @param classes the class names, sorted
 * @param columns the feature columns: every other column, in table order
 * @param standardisation the features' means and deviations on the training table
 */
public record TableFeatures(
    String label, List<String> classes, List<String> columns, Standardisation standardisation) {

  /**
   * The features of {@code train} with the classes in column {@code label} (blank: the last).
   *
   * @throws InvalidDataException when the column is missing, holds fewer than two classes, or a
   *     feature is not a number
   */
  public static TableFeatures of(CsvTable train, String label) {
    List<String> columns = new ArrayList<>(train.header());
    String name = label == null || label.isBlank() ? columns.get(columns.size() - 1) : label;
    columns.remove(train.column(name));
    List<String> classes = train.distinct(name);
    if (classes.size() < 2) {
      throw new InvalidDataException(
          String.format(
              "Column %s of %s holds %d classes; a classifier needs two or more.",
              name, train.source(), classes.size()));
    }
    List<double[]> values = columns.stream().map(train::numbers).toList();
    return new TableFeatures(
        name, classes, columns, Standardisation.of(values, train.rows().size()));
  }

  /** The feature columns and their statistics as {@code model.json} keeps them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", columns);
    m.putAll(standardisation.toMap());
    return m;
  }

  /** The features that {@link #toMap()} wrote, with the class column and classes given. */
  @SuppressWarnings("unchecked")
  public static TableFeatures fromMap(
      Map<String, Object> values, String label, List<String> classes) {
    return new TableFeatures(
        label, classes, (List<String>) values.get("columns"), Standardisation.fromMap(values));
  }

  /** The rows of {@code table} as standardised features, row-major. */
  public float[] standardised(CsvTable table) {
    return standardisation.applyRows(table.matrix(columns));
  }

  /**
   * One row of the feature columns' values, as read, standardised.
   *
   * @throws InvalidDataException when the row has another number of values
   */
  public float[] standardised(float[] row) {
    if (row.length != columns.size()) {
      throw new InvalidDataException(
          "A row of " + row.length + " values does not fit the model's " + columns + ".");
    }
    return standardisation.applyRows(row);
  }

  /**
   * Many rows of the feature columns' values, as read, one after the other (row-major: N times the
   * number of columns), standardised.
   *
   * @throws InvalidDataException when the values do not make whole rows
   */
  public float[] standardisedRows(float[] rows) {
    if (rows.length == 0 || rows.length % columns.size() != 0) {
      throw new InvalidDataException(
          rows.length + " values do not make whole rows of the model's " + columns + ".");
    }
    return standardisation.applyRows(rows);
  }

  /** The rows of {@code table} with their classes, standardised, for training. */
  public Rows rows(CsvTable table) {
    return Rows.of(standardised(table), table.codes(label, classes));
  }
}
