package dev.zoo.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy, per-class precision, recall and F1, and the confusion matrix of a classifier's
 * predictions. Rows of the matrix are true classes, columns predicted classes.
 */
public final class ClassificationMetrics {

  private double rocAuc = Double.NaN;

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

  /** The mean of the per-class precisions. */
  public double macroPrecision() {
    double sum = 0;
    for (int c = 0; c < classNames.size(); c++) {
      sum += precision(c);
    }
    return sum / classNames.size();
  }

  /** The mean of the per-class recalls. */
  public double macroRecall() {
    double sum = 0;
    for (int c = 0; c < classNames.size(); c++) {
      sum += recall(c);
    }
    return sum / classNames.size();
  }

  /**
   * The ROC-AUC of the second class's probability at telling the second class from the first, for
   * two classes; NaN otherwise, or before {@link #addProbabilities}, or when the examples hold only
   * one of the two classes.
   */
  public double rocAuc() {
    return rocAuc;
  }

  /**
   * Adds examples by their class probabilities: each counts as its most likely class, and for two
   * classes the probabilities also give {@link #rocAuc()}.
   *
   * @param trueClasses one class index per example
   * @param probabilities {@code (examples, classes)} probabilities, row-major
   */
  public void addProbabilities(int[] trueClasses, float[] probabilities) {
    int k = classNames.size();
    boolean[] positive = new boolean[trueClasses.length];
    double[] score = new double[trueClasses.length];
    for (int i = 0; i < trueClasses.length; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (probabilities[i * k + c] > probabilities[i * k + best]) {
          best = c;
        }
      }
      add(trueClasses[i], best);
      positive[i] = trueClasses[i] == 1;
      score[i] = k == 2 ? probabilities[i * k + 1] : 0;
    }
    long positives = java.util.stream.IntStream.of(trueClasses).filter(c -> c == 1).count();
    if (k == 2 && positives > 0 && positives < trueClasses.length) {
      rocAuc = RocAuc.of(score, positive);
    }
  }

  /** Everything as JSON-ready maps and lists, with the top-level key {@code accuracy}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("accuracy", accuracy());
    map.put("macro_f1", macroF1());
    map.put("macro_precision", macroPrecision());
    map.put("macro_recall", macroRecall());
    if (!Double.isNaN(rocAuc)) {
      map.put("roc_auc", rocAuc);
    }
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
            Locale.ROOT,
            "Accuracy %.4f on %d examples, macro F1 %.4f, macro precision %.4f, macro recall %.4f%s%n%n",
            accuracy(),
            total,
            macroF1(),
            macroPrecision(),
            macroRecall(),
            Double.isNaN(rocAuc) ? "" : String.format(Locale.ROOT, ", ROC-AUC %.4f", rocAuc)));
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
