package dev.zoo.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.metrics.FrechetDistance.Statistics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms for Gaussians. */
class FrechetDistanceTest {

  @Test
  void diagonalGaussiansHaveTheClosedFormDistance() {
    double[] m1 = {0, 1, 2};
    double[] m2 = {1, 1, 0};
    double[] s1 = {1, 4, 9};
    double[] s2 = {4, 1, 0.25};
    double expected = 1 + 0 + 4;
    for (int i = 0; i < 3; i++) {
      expected += s1[i] + s2[i] - 2 * Math.sqrt(s1[i] * s2[i]);
    }
    double actual = FrechetDistance.between(stats(m1, diag(s1)), stats(m2, diag(s2)));
    assertEquals(expected, actual, 1e-9);
  }

  @Test
  void rotatingBothCovariancesAlikeKeepsTheDistance() {
    double[] s1 = {1, 4, 9};
    double[] s2 = {4, 1, 0.25};
    double[][] r = rotation(0.7, 0.3);
    double[] zero = new double[3];
    double plain = FrechetDistance.between(stats(zero, diag(s1)), stats(zero, diag(s2)));
    double rotated =
        FrechetDistance.between(
            stats(zero, conjugate(r, diag(s1))), stats(zero, conjugate(r, diag(s2))));
    assertEquals(plain, rotated, 1e-9);
  }

  @Test
  void samplesOfTheSameGaussianAreCloseAndShiftedOnesAreFar() {
    Random random = new Random(1);
    float[][] a = gaussian(random, 4000, 4, 0);
    float[][] b = gaussian(random, 4000, 4, 0);
    float[][] c = gaussian(random, 4000, 4, 2);
    assertEquals(0, FrechetDistance.between(a, b), 0.05);
    // Shifted by 2 in each of 4 dimensions: |m1 - m2|^2 = 16.
    assertEquals(16, FrechetDistance.between(a, c), 0.5);
    assertEquals(0, FrechetDistance.between(a, a), 1e-9);
  }

  @Test
  void refusesSetsThatCannotBeCompared() {
    assertThrows(
        ZooException.class, () -> FrechetDistance.between(new float[1][3], new float[5][3]));
    assertThrows(
        ZooException.class, () -> FrechetDistance.between(new float[5][3], new float[5][2]));
  }

  private static float[][] gaussian(Random random, int n, int d, double shift) {
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (random.nextGaussian() + shift);
      }
    }
    return x;
  }

  private static Statistics stats(double[] mean, double[][] cov) {
    return new Statistics(mean, cov);
  }

  private static double[][] diag(double[] values) {
    double[][] m = new double[values.length][values.length];
    for (int i = 0; i < values.length; i++) {
      m[i][i] = values[i];
    }
    return m;
  }

  /** A rotation in 3-D: about z by a, then about x by b. */
  private static double[][] rotation(double a, double b) {
    double[][] rz = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
    double[][] rx = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
    return multiply(rx, rz);
  }

  private static double[][] conjugate(double[][] r, double[][] m) {
    double[][] rt = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rt[i][j] = r[j][i];
      }
    }
    return multiply(multiply(r, m), rt);
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    double[][] z = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          z[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    return z;
  }
}
