package dev.zoo.api.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  private static final double EPS = 1e-12;

  /**
   * Ten predictions over three classes; rows are true classes, columns predicted ones:
   *
   * <pre>
   *          a  b  c
   *   a      3  1  0
   *   b      0  2  0
   *   c      0  2  2
   * </pre>
   */
  private static ClassificationMetrics example() {
    ClassificationMetrics m = new ClassificationMetrics(List.of("a", "b", "c"));
    m.addAll(new int[] {0, 0, 0, 0, 1, 1}, new int[] {0, 0, 0, 1, 1, 1});
    m.add(2, 1);
    m.add(2, 1);
    m.add(2, 2);
    m.add(2, 2);
    return m;
  }

  @Test
  void handComputedExample() {
    ClassificationMetrics m = example();

    assertEquals(10, m.total());
    assertEquals(0.7, m.accuracy(), EPS);
    assertArrayEquals(
        new int[][] {{3, 1, 0}, {0, 2, 0}, {0, 2, 2}}, m.confusionMatrix(), "rows are true");
    // Class a: 3 of 3 predictions right, 3 of 4 examples found.
    assertEquals(1.0, m.precision(0), EPS);
    assertEquals(0.75, m.recall(0), EPS);
    assertEquals(6.0 / 7, m.f1(0), EPS);
    // Class b: 2 of 5 predictions right, 2 of 2 found.
    assertEquals(0.4, m.precision(1), EPS);
    assertEquals(1.0, m.recall(1), EPS);
    assertEquals(4.0 / 7, m.f1(1), EPS);
    // Class c: 2 of 2 predictions right, 2 of 4 found.
    assertEquals(1.0, m.precision(2), EPS);
    assertEquals(0.5, m.recall(2), EPS);
    assertEquals(2.0 / 3, m.f1(2), EPS);
    assertEquals((6.0 / 7 + 4.0 / 7 + 2.0 / 3) / 3, m.macroF1(), EPS);
  }

  @Test
  void toMapHoldsTheSameFigures() {
    Map<String, Object> map = example().toMap();

    assertEquals(0.7, (double) map.get("accuracy"), EPS);
    assertEquals(44.0 / 63, (double) map.get("macro_f1"), EPS);
    assertEquals(10L, map.get("examples"));
    assertEquals(List.of("a", "b", "c"), map.get("labels"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> perClass = (List<Map<String, Object>>) map.get("per_class");
    assertEquals(3, perClass.size());
    assertEquals("b", perClass.get(1).get("class"));
    assertEquals(0.4, (double) perClass.get(1).get("precision"), EPS);
    assertEquals(1.0, (double) perClass.get(1).get("recall"), EPS);
    assertEquals(4L, perClass.get(2).get("support"));
    assertArrayEquals(new int[] {0, 2, 2}, ((int[][]) map.get("confusion_matrix"))[2]);
  }

  @Test
  void emptyCountsAndUnusedClassesGiveZeroNotNaN() {
    ClassificationMetrics m = new ClassificationMetrics(List.of("a", "b"));
    assertEquals(0.0, m.accuracy());
    assertEquals(0.0, m.macroF1());

    m.add(0, 0);

    assertEquals(1.0, m.accuracy());
    assertEquals(0.0, m.precision(1));
    assertEquals(0.0, m.recall(1));
    assertEquals(0.0, m.f1(1));
    assertEquals(0.5, m.macroF1(), EPS);
  }

  @Test
  void confusionMatrixIsACopy() {
    ClassificationMetrics m = example();

    m.confusionMatrix()[0][0] = 99;

    assertEquals(3, m.confusionMatrix()[0][0]);
  }

  @Test
  void textNamesTheFigures() {
    String text = example().toText();

    assertTrue(text.startsWith("Accuracy 0.7000 on 10 examples, macro F1 0.6984"), text);
    assertTrue(text.contains("Confusion matrix"), text);
  }
}
