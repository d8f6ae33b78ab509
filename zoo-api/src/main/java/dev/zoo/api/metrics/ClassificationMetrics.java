package dev.zoo.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, per-class precision, recall and F1, and the confusion matrix of a classifier's
 * predictions. Rows of the matrix are true classes, columns predicted classes.
 */
public final class ClassificationMetrics {

  private final List<String> classNames;
  private final int[][] confusion;
  private long total;
  private long correct;

  /** Starts empty counts for the given classes. */
  public ClassificationMetrics(List<String> classNames) {
    this.classNames = List.copyOf(classNames);
    this.confusion = new int[classNames.size()][classNames.size()];
  }

  /** Counts one prediction. */
  public void add(int trueClass, int predictedClass) {
    confusion[trueClass][predictedClass]++;
    total++;
    if (trueClass == predictedClass) {
      correct++;
    }
  }

  /** Counts a batch of predictions. */
  public void addAll(int[] trueClasses, int[] predictedClasses) {
    for (int i = 0; i < trueClasses.length; i++) {
      add(trueClasses[i], predictedClasses[i]);
    }
  }

  /** The number of predictions counted. */
  public long total() {
    return total;
  }

  /** The fraction of correct predictions (0 when none were counted). */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** The confusion matrix, rows true and columns predicted (a copy). */
  public int[][] confusionMatrix() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** Of the predictions of class {@code c}, the fraction that were right. */
  public double precision(int c) {
    long predicted = 0;
    for (int[] row : confusion) {
      predicted += row[c];
    }
    return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
  }

  /** Of the examples of class {@code c}, the fraction found. */
  public double recall(int c) {
    long actual = 0;
    for (int v : confusion[c]) {
      actual += v;
    }
    return actual == 0 ? 0 : (double) confusion[c][c] / actual;
  }

  /** The harmonic mean of precision and recall of class {@code c}. */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The mean F1 over classes. */
  public double macroF1() {
    double sum = 0;
    for (int c = 0; c < confusion.length; c++) {
      sum += f1(c);
    }
    return confusion.length == 0 ? 0 : sum / confusion.length;
  }

  /** The class names. */
  public List<String> classNames() {
    return classNames;
  }

  /** Everything as JSON-ready maps and lists, with the top-level key {@code accuracy}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("accuracy", accuracy());
    map.put("macro_f1", macroF1());
    map.put("examples", total);
    List<Map<String, Object>> perClass = new ArrayList<>();
    for (int c = 0; c < classNames.size(); c++) {
      long support = 0;
      for (int v : confusion[c]) {
        support += v;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", classNames.get(c));
      m.put("precision", precision(c));
      m.put("recall", recall(c));
      m.put("f1", f1(c));
      m.put("support", support);
      perClass.add(m);
    }
    map.put("per_class", perClass);
    map.put("confusion_matrix", confusionMatrix());
    map.put("labels", classNames);
    return map;
  }

  /** A table for people: per-class figures, then the confusion matrix. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    int width = Math.max(12, classNames.stream().mapToInt(String::length).max().orElse(5) + 2);
    sb.append(
        String.format(
            "Accuracy %.4f on %d examples, macro F1 %.4f%n%n", accuracy(), total, macroF1()));
    sb.append(
        String.format("%-" + width + "s %9s %9s %9s%n", "class", "precision", "recall", "f1"));
    for (int c = 0; c < classNames.size(); c++) {
      sb.append(
          String.format(
              "%-" + width + "s %9.4f %9.4f %9.4f%n",
              classNames.get(c),
              precision(c),
              recall(c),
              f1(c)));
    }
    sb.append(String.format("%nConfusion matrix (rows: true class, columns: predicted)%n"));
    sb.append(" ".repeat(width));
    for (int c = 0; c < classNames.size(); c++) {
      sb.append(String.format(" %5d", c));
    }
    sb.append('\n');
    for (int r = 0; r < classNames.size(); r++) {
      sb.append(String.format("%-" + width + "s", r + " " + classNames.get(r)));
      for (int c = 0; c < classNames.size(); c++) {
        sb.append(String.format(" %5d", confusion[r][c]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
