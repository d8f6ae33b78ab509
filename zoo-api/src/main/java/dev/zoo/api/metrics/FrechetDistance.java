package dev.zoo.api.metrics;

import dev.zoo.api.common.ZooException;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised by its mean and
 * covariance as a Gaussian: {@code |m1 - m2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2))}. With the
 * features of an image classifier this is the FID-style measure of generated images. The trace of
 * the matrix square root is computed from symmetric eigen-decompositions: the eigenvalues of {@code
 * S1^(1/2) S2 S1^(1/2)} are those of {@code S1 S2}.
 */
public final class FrechetDistance {

  private FrechetDistance() {}

  /**
   * A feature set's mean and (unbiased) covariance.
   *
   * @param mean the mean vector
   * @param covariance the covariance matrix
   */
  public record Statistics(double[] mean, double[][] covariance) {

    /** The statistics of {@code features}, one row per sample, at least two rows. */
    public static Statistics of(float[][] features) {
      if (features.length < 2) {
        throw new ZooException(
            "A Fréchet distance needs at least two feature vectors per set, not "
                + features.length
                + ".");
      }
      int d = features[0].length;
      double[] mean = new double[d];
      for (float[] row : features) {
        if (row.length != d) {
          throw new ZooException("Feature vectors of different lengths cannot be compared.");
        }
        for (int j = 0; j < d; j++) {
          mean[j] += row[j];
        }
      }
      for (int j = 0; j < d; j++) {
        mean[j] /= features.length;
      }
      double[][] cov = new double[d][d];
      double[] centred = new double[d];
      for (float[] row : features) {
        for (int j = 0; j < d; j++) {
          centred[j] = row[j] - mean[j];
        }
        for (int i = 0; i < d; i++) {
          for (int j = i; j < d; j++) {
            cov[i][j] += centred[i] * centred[j];
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          cov[i][j] /= features.length - 1;
          cov[j][i] = cov[i][j];
        }
      }
      return new Statistics(mean, cov);
    }
  }

  /** The distance between two feature sets (rows are samples). */
  public static double between(float[][] a, float[][] b) {
    return between(Statistics.of(a), Statistics.of(b));
  }

  /** The distance between two Gaussians given by their statistics. */
  public static double between(Statistics a, Statistics b) {
    int d = a.mean().length;
    if (b.mean().length != d) {
      throw new ZooException(
          "Feature sets of " + d + " and " + b.mean().length + " dimensions cannot be compared.");
    }
    double distance = 0;
    for (int j = 0; j < d; j++) {
      double diff = a.mean()[j] - b.mean()[j];
      distance += diff * diff;
      distance += a.covariance()[j][j] + b.covariance()[j][j];
    }
    double[][] root = sqrtPsd(a.covariance());
    double[][] product = multiply(multiply(root, b.covariance()), root);
    symmetrise(product);
    double traceRoot = 0;
    for (double lambda : SymmetricEigen.of(product).values) {
      traceRoot += Math.sqrt(Math.max(0, lambda));
    }
    return Math.max(0, distance - 2 * traceRoot);
  }

  /** The symmetric square root of a positive semi-definite matrix (negative rounding clipped). */
  static double[][] sqrtPsd(double[][] matrix) {
    SymmetricEigen eigen = SymmetricEigen.of(matrix);
    int d = matrix.length;
    double[][] root = new double[d][d];
    for (int k = 0; k < d; k++) {
      double s = Math.sqrt(Math.max(0, eigen.values[k]));
      for (int i = 0; i < d; i++) {
        double vik = eigen.vectors[i][k] * s;
        for (int j = 0; j < d; j++) {
          root[i][j] += vik * eigen.vectors[j][k];
        }
      }
    }
    return root;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int d = x.length;
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double xik = x[i][k];
        for (int j = 0; j < d; j++) {
          r[i][j] += xik * y[k][j];
        }
      }
    }
    return r;
  }

  private static void symmetrise(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) {
        double mean = (m[i][j] + m[j][i]) / 2;
        m[i][j] = mean;
        m[j][i] = mean;
      }
    }
  }
}
