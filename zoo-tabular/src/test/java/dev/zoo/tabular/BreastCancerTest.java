package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real data: scikit-learn's breast cancer table (569 rows, 30 columns, malignant or benign)
 * from Debian's python3-sklearn, trained end to end through the family as {@code zoo train}, {@code
 * zoo eval} and {@code zoo predict} run it.
 */
class BreastCancerTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void reachesNinetyFivePercentOnTheTestSplit() throws IOException {
    Path data = TestData.sklearn("breast_cancer.csv", dir.resolve("data"));
    Path run = dir.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TabularFamily family = new TabularFamily();
    Report trained =
        family.train(
            TestData.request(run, 40, Map.of("label", "class")),
            TestData.context("pytorch", data, log));
    double accuracy = (Double) trained.data().get("accuracy");
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy + "\n" + trained.text());
    double auc = (Double) trained.data().get("roc_auc");
    assertTrue(auc >= 0.95, "ROC-AUC " + auc);
    assertTrue(trained.text().contains("ROC-AUC"), trained.text());
    assertTrue(
        log.toString().contains("the training split of " + data + " (seed 42)"), log.toString());

    // zoo eval: the same test split (the checkpoint's seed), the same figures.
    Report eval =
        family.evaluate(
            ModelRequest.of(run), TestData.context("mxnet", data, new ByteArrayOutputStream()));
    assertEquals(accuracy, (Double) eval.data().get("accuracy"), 1e-9);
    assertEquals(114L, eval.data().get("examples"));
    assertEquals(auc, (Double) eval.data().get("roc_auc"), 1e-4);
    List<Map<String, Object>> perClass = (List<Map<String, Object>>) eval.data().get("per_class");
    assertEquals(
        List.of("benign", "malignant"), perClass.stream().map(c -> c.get("class")).toList());
    assertNotNull(eval.data().get("macro_precision"));
    assertNotNull(eval.data().get("macro_recall"));
    assertTrue(eval.text().contains("macro precision"), eval.text());

    // zoo predict: every row of a CSV, here the first three rows of the table with their label.
    List<String> lines = Files.readAllLines(data);
    Path rows = Files.write(dir.resolve("rows.csv"), lines.subList(0, 4));
    Report predicted =
        family.predict(
            ModelRequest.of(run).withInputs(List.of(rows.toString())),
            TestData.context("pytorch", null, new ByteArrayOutputStream()));
    List<Map<String, Object>> predictions =
        (List<Map<String, Object>>) predicted.data().get("predictions");
    assertEquals(3, predictions.size());
    assertEquals(3, predicted.text().lines().count(), predicted.text());
    for (int i = 0; i < 3; i++) {
      String truth = lines.get(i + 1).substring(lines.get(i + 1).lastIndexOf(',') + 1);
      List<Map<String, Object>> top = (List<Map<String, Object>>) predictions.get(i).get("top");
      assertEquals(2, top.size());
      assertEquals(rows + ":" + (i + 2) + " (" + truth + ")", predictions.get(i).get("row"));
      assertEquals(truth, top.get(0).get("label"), "row " + (i + 2));
    }
  }

  @Test
  void learnsTheWineTableOfThreeClasses() throws IOException {
    Path data = TestData.sklearn("wine_data.csv", dir.resolve("data"));
    Report trained = TestData.train(TestData.request(dir.resolve("wine"), 40, Map.of()), data);
    double accuracy = (Double) trained.data().get("accuracy");
    assertTrue(accuracy >= 0.9, "test accuracy " + accuracy + "\n" + trained.text());
    assertEquals(null, trained.data().get("roc_auc"), "ROC-AUC is for two classes");
  }
}
