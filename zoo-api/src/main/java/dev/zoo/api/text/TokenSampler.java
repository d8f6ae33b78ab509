package dev.zoo.api.text;

import dev.zoo.api.common.InvalidDataException;
import java.util.Arrays;
import java.util.Random;

/**
 * Draws the next token from a model's logits with temperature, top-k and nucleus (top-p) sampling,
 * from its own seeded random source so generation repeats with the same seed.
 */
public final class TokenSampler {

  private final double temperature;
  private final int topK;
  private final double topP;
  private final Random random;

  /**
   * @param temperature divides the logits; below 1 sharpens, above 1 flattens
   * @param topK keep the k likeliest tokens only; 0 keeps all
   * @param topP keep the smallest set whose probability reaches p; 1 keeps all
   * @param seed the seed of the random source
   */
  public TokenSampler(double temperature, int topK, double topP, long seed) {
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new InvalidDataException(
          "Temperature must be a positive number, not " + temperature + ".");
    }
    if (topK < 0) {
      throw new InvalidDataException("Top-k must be a positive number, not " + topK + ".");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new InvalidDataException("Top-p must be in (0, 1], not " + topP + ".");
    }
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
    this.random = new Random(seed);
  }

  /** The temperature that divides the logits, above 0. */
  public double temperature() {
    return temperature;
  }

  /** Sample among the {@code topK} most likely tokens only; 0 for all. */
  public int topK() {
    return topK;
  }

  /** Sample from the smallest set of tokens whose probability reaches {@code topP}, in (0, 1]. */
  public double topP() {
    return topP;
  }

  /** The index of the next token. */
  public int sample(float[] logits) {
    int n = logits.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
    int keep = topK > 0 ? Math.min(topK, n) : n;
    double max = logits[order[0]] / temperature;
    double[] p = new double[keep];
    double sum = 0;
    for (int i = 0; i < keep; i++) {
      p[i] = Math.exp(logits[order[i]] / temperature - max);
      sum += p[i];
    }
    if (topP < 1) {
      double cumulative = 0;
      int cut = keep;
      for (int i = 0; i < keep; i++) {
        cumulative += p[i] / sum;
        if (cumulative >= topP) {
          cut = i + 1;
          break;
        }
      }
      keep = cut;
      sum = 0;
      for (int i = 0; i < keep; i++) {
        sum += p[i];
      }
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < keep; i++) {
      r -= p[i];
      if (r <= 0) {
        return order[i];
      }
    }
    return order[keep - 1];
  }
}
