package dev.zoo.api.metrics;

import dev.zoo.api.common.ZooException;
import java.util.Arrays;

/**
 * The area under the ROC curve of a score at telling positives from negatives: the probability that
 * a random positive scores higher than a random negative, ties counting one half (the Mann-Whitney
 * statistic, computed from average ranks in O(n log n)).
 */
public final class RocAuc {

  private RocAuc() {}

  /**
   * The ROC-AUC of {@code scores}, higher meaning more likely positive.
   *
   * @param scores one finite score per example
   * @param positive whether each example is a positive
   * @throws ZooException if the lengths differ, a score is not finite, or either class is empty
   */
  public static double of(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new ZooException(
          "ROC-AUC needs one label per score, not "
              + positive.length
              + " labels for "
              + scores.length
              + " scores.");
    }
    int n = scores.length;
    long positives = 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new ZooException(
            "ROC-AUC needs finite scores; score " + i + " is " + scores[i] + ".");
      }
      order[i] = i;
      if (positive[i]) {
        positives++;
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new ZooException(
          "ROC-AUC needs both positives and negatives, not "
              + positives
              + " positives and "
              + negatives
              + " negatives.");
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      // Ranks i+1 .. j+1 are tied; each shares their average.
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          positiveRankSum += rank;
        }
      }
      i = j + 1;
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }
}
