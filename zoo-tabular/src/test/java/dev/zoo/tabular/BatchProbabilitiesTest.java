package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.model.Classification;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Class probabilities of many rows in one call agree with one prediction per row (the shipped
 * {@code breast-cancer/mlp} on the test split of scikit-learn's table).
 */
class BatchProbabilitiesTest {

  @Test
  void manyRowsAtOnceGiveEachRowsOwnProbabilities() {
    try (TabularClassifier model = TabularClassifier.pretrained("breast-cancer/mlp")) {
      CsvTable table = TabularBench.data(null, 7).get(1);
      int width = model.columns().size();
      float[] rows = table.matrix(model.columns());
      int n = rows.length / width;
      float[] all = model.probabilities(rows);
      int classes = model.labels().size();
      assertEquals(n * classes, all.length);
      for (int i = 0; i < n; i++) {
        float[] row = Arrays.copyOfRange(rows, i * width, (i + 1) * width);
        List<Classification> top = model.predict(row, classes);
        float sum = 0;
        for (Classification c : top) {
          float p = all[i * classes + c.index()];
          assertEquals(c.probability(), p, 1e-6, "row " + i + ", " + c.label());
          sum += p;
        }
        assertEquals(1f, sum, 1e-5);
      }
      InvalidDataException e =
          assertThrows(
              InvalidDataException.class,
              () -> model.probabilities(Arrays.copyOf(rows, width + 1)));
      assertTrue(e.getMessage().contains("do not make whole rows"), e.getMessage());
      assertArrayEquals(all, model.probabilities(rows), "the same answer every time");
    }
  }
}
