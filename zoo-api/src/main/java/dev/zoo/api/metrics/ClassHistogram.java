package dev.zoo.api.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each class is the most likely one among a set of images, and the entropy of that
 * histogram: a generator that draws every class equally often reaches {@code log2(classes)} bits,
 * one that collapsed onto a single class 0.
 */
public final class ClassHistogram {

  private final List<String> classNames;
  private final int[] counts;
  private final int total;

  private ClassHistogram(List<String> classNames, int[] counts, int total) {
    this.classNames = List.copyOf(classNames);
    this.counts = counts;
    this.total = total;
  }

  /** Counts the most likely class of each probability vector. */
  public static ClassHistogram of(float[][] probabilities, List<String> classNames) {
    int[] counts = new int[classNames.size()];
    for (float[] p : probabilities) {
      int best = 0;
      for (int c = 1; c < p.length; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      counts[best]++;
    }
    return new ClassHistogram(classNames, counts, probabilities.length);
  }

  /** The number of images per class, in class order. */
  public int[] counts() {
    return counts.clone();
  }

  /** The share of images in class {@code c}. */
  public double fraction(int c) {
    return total == 0 ? 0 : counts[c] / (double) total;
  }

  /** The smallest share of any class. */
  public double minFraction() {
    double min = 1;
    for (int c = 0; c < counts.length; c++) {
      min = Math.min(min, fraction(c));
    }
    return min;
  }

  /** The entropy of the class shares in bits. */
  public double entropyBits() {
    double h = 0;
    for (int c = 0; c < counts.length; c++) {
      double p = fraction(c);
      if (p > 0) {
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }

  /** The largest possible entropy, {@code log2(classes)} bits. */
  public double maxEntropyBits() {
    return Math.log(counts.length) / Math.log(2);
  }

  /** Class name to share, in class order. */
  public Map<String, Double> fractions() {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int c = 0; c < counts.length; c++) {
      map.put(classNames.get(c), fraction(c));
    }
    return map;
  }
}
