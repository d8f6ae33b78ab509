package dev.zoo.transformer;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence vectors from token vectors, as sentence-transformers computes them for all-MiniLM-L6-v2:
 * the mean of the token vectors where the attention mask is 1, divided by its Euclidean length (at
 * least 1e-12, as PyTorch's {@code F.normalize}).
 */
final class MeanPooling {

  private MeanPooling() {}

  /**
   * Pools each row of {@code hidden}.
   *
   * @param hidden the token vectors {@code (n, t, d)}, row-major
   * @param mask the attention mask {@code (n, t)}, 1 for a token and 0 for padding
   * @return {@code n} vectors of {@code d} values and length 1
   */
  static List<float[]> pool(float[] hidden, long[] mask, int n, int t, int d) {
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] sum = new double[d];
      long count = 0;
      for (int j = 0; j < t; j++) {
        if (mask[i * t + j] == 0) {
          continue;
        }
        count++;
        int base = (i * t + j) * d;
        for (int k = 0; k < d; k++) {
          sum[k] += hidden[base + k];
        }
      }
      double norm = 0;
      for (int k = 0; k < d; k++) {
        sum[k] /= Math.max(count, 1);
        norm += sum[k] * sum[k];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      float[] v = new float[d];
      for (int k = 0; k < d; k++) {
        v[k] = (float) (sum[k] / norm);
      }
      out.add(v);
    }
    return out;
  }

  /** The cosine of two unit vectors of the same length: their dot product, in [-1, 1]. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int k = 0; k < a.length; k++) {
      dot += (double) a[k] * b[k];
    }
    return dot;
  }
}
