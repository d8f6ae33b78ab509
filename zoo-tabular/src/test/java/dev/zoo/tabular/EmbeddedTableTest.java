package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Zoo;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo run tabular}: the default variant on the embedded fruit table, three classes. */
class EmbeddedTableTest {

  @TempDir Path dir;

  @Test
  void theZooFindsTheFamily() {
    assertTrue(Zoo.discover().families().stream().anyMatch(f -> f.name().equals("tabular")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void runTrainsTheDefaultOnTheEmbeddedTable() throws Exception {
    Path out = dir.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TabularFamily family = new TabularFamily();
    Report report = family.run(TrainRequest.defaults(out), TestData.context("mxnet", null, log));
    assertTrue(log.toString().contains("the fruit table embedded in zoo-tabular"), log.toString());
    assertEquals(40, report.data().get("epochs"));
    double accuracy = (Double) report.data().get("accuracy");
    assertTrue(accuracy >= 0.85, "accuracy " + accuracy);
    assertFalse(report.data().containsKey("roc_auc") && report.data().get("roc_auc") != null);

    CheckpointInfo info = Checkpoint.open(out, TabularFamily.NAME).info();
    assertEquals(List.of("apple", "lemon", "orange"), info.labels());
    assertEquals("kind", info.hyperparameters().get("label"), "the last column, resolved");
    assertEquals(
        List.of("weight_g", "diameter_mm", "sugar_brix", "acidity_ph", "skin_hue_deg"),
        info.extra().get("columns"));
    assertEquals(5, ((List<Object>) info.extra().get("std")).size());
    assertTrue(info.provenance().data().contains("fruit table"), info.provenance().data());

    Report eval = family.evaluate(ModelRequest.of(out), TestData.context("pytorch", null, log));
    assertEquals(accuracy, (Double) eval.data().get("accuracy"), 1e-9);
    assertEquals(60L, eval.data().get("examples"));
    assertTrue(eval.text().contains("Confusion matrix"), eval.text());

    Path rows =
        Files.writeString(
            dir.resolve("rows.csv"),
            "skin_hue_deg,acidity_ph,sugar_brix,diameter_mm,weight_g\n55,2.4,7.0,60,110\n");
    Report predicted =
        family.predict(
            ModelRequest.of(out).withInputs(List.of(rows.toString())),
            TestData.context("pytorch", null, log));
    List<Map<String, Object>> top =
        (List<Map<String, Object>>)
            ((List<Map<String, Object>>) predicted.data().get("predictions")).get(0).get("top");
    assertEquals(3, top.size());
    assertEquals("lemon", top.get(0).get("label"), "columns are taken by name, in any order");
    assertTrue(predicted.text().startsWith(rows + ":2:  lemon"), predicted.text());
  }
}
