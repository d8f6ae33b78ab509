package dev.zoo.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.ZooException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

  @Test
  void perfectInvertedAndKnownCase() {
    boolean[] labels = {false, false, true, true};
    assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels), 1e-12);
    assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels), 1e-12);
    // The textbook example: positives 0.8, 0.4; negatives 0.6, 0.2 -> 3 of 4 pairs ordered.
    assertEquals(
        0.75,
        RocAuc.of(new double[] {0.8, 0.6, 0.4, 0.2}, new boolean[] {true, false, true, false}),
        1e-12);
  }

  @Test
  void tiesCountOneHalf() {
    assertEquals(0.5, RocAuc.of(new double[] {1, 1, 1}, new boolean[] {true, false, false}), 1e-12);
    // Positive 2 ties negative 2 (1/2) and beats negative 1 (1): (1 + 0.5) / 2.
    assertEquals(
        0.75, RocAuc.of(new double[] {2, 2, 1}, new boolean[] {true, false, false}), 1e-12);
  }

  @Test
  void agreesWithCountingEveryPair() {
    Random random = new Random(7);
    int n = 300;
    double[] scores = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(3) == 0;
      scores[i] = random.nextInt(20) + (labels[i] ? 3 : 0);
    }
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] && !labels[j]) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(wins / pairs, RocAuc.of(scores, labels), 1e-12);
  }

  @Test
  void refusesOneClassOnlyOrMismatchedLengths() {
    assertThrows(
        ZooException.class, () -> RocAuc.of(new double[] {1, 2}, new boolean[] {true, true}));
    assertThrows(ZooException.class, () -> RocAuc.of(new double[] {1, 2}, new boolean[] {true}));
    assertThrows(
        ZooException.class,
        () -> RocAuc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
  }
}
