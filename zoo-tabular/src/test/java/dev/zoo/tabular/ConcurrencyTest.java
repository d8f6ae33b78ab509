package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.testing.Concurrency;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One loaded tabular classifier called from 8 threads at once gives every row the same classes and
 * probabilities as on one thread, on PyTorch and on MXNet.
 */
class ConcurrencyTest {

  private static final String NAME = "breast-cancer/mlp";

  @Test
  void eightThreadsPredictAsOne() throws Exception {
    check(TabularClassifier.pretrained(NAME), 2_000);
  }

  @Test
  void eightThreadsPredictAsOneOnMxNet() throws Exception {
    check(
        TabularClassifier.load(PretrainedModels.onClassPath().checkpoint(NAME, "tabular"), "mxnet"),
        500);
  }

  private static void check(TabularClassifier loaded, int calls) throws Exception {
    try (TabularClassifier model = loaded) {
      float[][] rows = new float[64][model.columns().size()];
      Random random = new Random(3);
      for (float[] row : rows) {
        for (int c = 0; c < row.length; c++) {
          row[c] = (float) (random.nextGaussian() * 10 + 10);
        }
      }
      long checked =
          Concurrency.assertSameAnswers(8, calls, rows.length, i -> model.predict(rows[i], 2));
      assertEquals(8L * calls, checked);
    }
  }
}
