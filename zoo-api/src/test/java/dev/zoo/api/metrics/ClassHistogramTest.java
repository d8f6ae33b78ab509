package dev.zoo.api.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Class histograms of predicted probabilities and their entropy. */
class ClassHistogramTest {

  private static final List<String> NAMES = List.of("a", "b", "c", "d");

  @Test
  void uniformClassesHaveMaximalEntropy() {
    float[][] p = {one(0), one(1), one(2), one(3), one(0), one(1), one(2), one(3)};
    ClassHistogram h = ClassHistogram.of(p, NAMES);
    assertArrayEquals(new int[] {2, 2, 2, 2}, h.counts());
    assertEquals(2.0, h.entropyBits(), 1e-12);
    assertEquals(2.0, h.maxEntropyBits(), 1e-12);
    assertEquals(0.25, h.minFraction(), 1e-12);
  }

  @Test
  void collapsedClassesHaveNoEntropy() {
    ClassHistogram h = ClassHistogram.of(new float[][] {one(2), one(2), one(2)}, NAMES);
    assertEquals(0.0, h.entropyBits(), 1e-12);
    assertEquals(0.0, h.minFraction(), 1e-12);
    assertEquals(1.0, h.fractions().get("c"), 1e-12);
  }

  @Test
  void twoEqualClassesGiveOneBit() {
    ClassHistogram h = ClassHistogram.of(new float[][] {one(0), one(3)}, NAMES);
    assertEquals(1.0, h.entropyBits(), 1e-12);
  }

  private static float[] one(int c) {
    float[] p = {0.1f, 0.1f, 0.1f, 0.1f};
    p[c] = 0.7f;
    return p;
  }
}
