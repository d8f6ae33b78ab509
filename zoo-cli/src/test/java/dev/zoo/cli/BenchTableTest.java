package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.engine.EngineSpeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one table of {@code zoo bench}: every family's runners under the same columns, each engine's
 * ratio to its family's peer per figure, as text, Markdown and JSON, and the training figures as
 * engine speeds.
 */
class BenchTableTest {

  private static Map<String, Object> row(
      String family, String model, String runner, String unit, Object... figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("family", family);
    row.put("peer", runner);
    if (!runner.equals(BenchTable.PEER)) {
      row.put("engine", runner.substring("zoo-".length()));
      row.put("engine_version", runner.endsWith("mxnet") ? "1.9.1" : "2.7.1");
      row.put("device", "cpu");
    } else {
      row.put("torch", "1.13.0a0");
    }
    row.put("model", model);
    row.put("unit", unit);
    for (int i = 0; i < figures.length; i += 2) {
      row.put((String) figures[i], figures[i + 1]);
    }
    return row;
  }

  private static List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(
        row(
            "cnn",
            "simple-cnn",
            "zoo-mxnet",
            "images",
            "train_per_s",
            1000.0,
            "infer_per_s",
            9000.0,
            "infer_batch",
            256.0,
            "latency_ms",
            0.6,
            "peak_rss_mb",
            900.0,
            "quality",
            0.87123,
            "quality_name",
            "test accuracy",
            "budget",
            "1 epoch of 12,000 images",
            "details",
            "test accuracy per epoch 0.8712"));
    rows.add(
        row(
            "cnn",
            "simple-cnn",
            "zoo-pytorch",
            "images",
            "train_per_s",
            3000.0,
            "infer_per_s",
            null,
            "infer_batch",
            256.0,
            "latency_ms",
            0.3,
            "peak_rss_mb",
            1200.0,
            "quality",
            0.86,
            "quality_name",
            "test accuracy",
            "budget",
            "1 epoch of 12,000 images"));
    rows.add(
        row(
            "cnn",
            "simple-cnn",
            BenchTable.PEER,
            "images",
            "train_per_s",
            2000.0,
            "infer_per_s",
            18000.0,
            "infer_batch",
            256.0,
            "latency_ms",
            0.4,
            "peak_rss_mb",
            400.0,
            "quality",
            0.86,
            "quality_name",
            "test accuracy"));
    rows.add(
        row(
            "gan",
            "dcgan",
            "zoo-mxnet",
            "images",
            "train_per_s",
            150.0,
            "latency_ms",
            2.5,
            "gen_per_s",
            700.0,
            "gen_unit",
            "images",
            "peak_rss_mb",
            1000.0,
            "quality",
            76.523,
            "quality_name",
            "FD",
            "quality_note",
            "class entropy 2.85 bits",
            "budget",
            "300 steps of 64 images on 10,000 images"));
    return rows;
  }

  @Test
  void eachEngineGetsItsRatioToItsFamilysPeerPerFigure() {
    BenchTable table = new BenchTable(rows());

    Map<?, ?> mxnet = (Map<?, ?>) table.rows().get(0).get("vs_peer");
    assertEquals(0.5, (Double) mxnet.get("train_per_s"), 1e-12);
    assertEquals(0.5, (Double) mxnet.get("infer_per_s"), 1e-12);
    assertEquals(1.5, (Double) mxnet.get("latency_ms"), 1e-12);
    assertEquals(2.25, (Double) mxnet.get("peak_rss_mb"), 1e-12);
    assertNull(mxnet.get("gen_per_s"), "neither measured it");
    Map<?, ?> pytorch = (Map<?, ?>) table.rows().get(1).get("vs_peer");
    assertEquals(1.5, (Double) pytorch.get("train_per_s"), 1e-12);
    assertNull(pytorch.get("infer_per_s"), "not measured");
    assertFalse(table.rows().get(2).containsKey("vs_peer"), "the peer itself");
    assertFalse(table.rows().get(3).containsKey("vs_peer"), "gan has no peer row here");
  }

  @Test
  void theTextTableHasOneRowPerRunnerUnderTheSameColumns() {
    List<String> lines = new BenchTable(rows()).text().lines().toList();

    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(
        lines
            .get(0)
            .matches(
                "family +model +runner +unit +train/s +infer/s +batch +latency ms"
                    + " +gen/s +peak MB +quality"),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("cnn "), lines.get(1));
    assertTrue(lines.get(1).contains("1,000 (0.50x)"), lines.get(1));
    assertTrue(lines.get(1).contains("9,000 (0.50x)"), lines.get(1));
    assertTrue(lines.get(1).contains("0.60 (1.50x)"), lines.get(1));
    assertTrue(lines.get(1).endsWith("test accuracy 0.8712"), lines.get(1));
    assertTrue(lines.get(2).contains("3,000 (1.50x)"), lines.get(2));
    assertTrue(lines.get(3).contains("pytorch-python"), lines.get(3));
    assertFalse(lines.get(3).contains("x)"), lines.get(3));
    assertTrue(lines.get(4).endsWith("FD 76.52 (class entropy 2.85 bits)"), lines.get(4));
    assertTrue(lines.get(4).contains("700"), lines.get(4));
    int column = lines.get(0).indexOf("quality");
    for (String line : lines) {
      assertEquals(column, line.indexOf(line.trim().split("  +")[10]), line);
    }
  }

  @Test
  void markdownHasTheSameCellsAndTheDetailsNameTheirRunner() {
    BenchTable table = new BenchTable(rows());
    List<String> lines = table.markdown().lines().toList();

    assertEquals(6, lines.size());
    assertEquals(
        "| family | model | runner | unit | train/s | infer/s | batch | latency ms | gen/s |"
            + " peak MB | quality |",
        lines.get(0));
    assertEquals(
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |", lines.get(1));
    assertEquals(
        "| cnn | simple-cnn | zoo-mxnet | images | 1,000 (0.50x) | 9,000 (0.50x) | 256 |"
            + " 0.60 (1.50x) | - | 900 (2.25x) | test accuracy 0.8712 |",
        lines.get(2));
    assertEquals(List.of("cnn zoo-mxnet: test accuracy per epoch 0.8712"), table.details());
  }

  @Test
  void theReportStatesMachineVersionsBudgetsAndTheSpeedsOfJobsOfTwoEngines() {
    Machine machine = new Machine();
    machine.finished();
    BenchReport report =
        new BenchReport(
            "Benchmark of every family, budget default",
            machine,
            "zoo bench all",
            rows(),
            List.of("The vae benchmark on mxnet failed with exit status 1."));

    String text = report.report().text();
    assertTrue(text.startsWith("Benchmark of every family, budget default, 20"), text);
    assertTrue(
        text.contains("\nMachine: " + Runtime.getRuntime().availableProcessors() + " cores, "),
        text);
    assertTrue(text.contains("Versions: zoo "), text);
    assertTrue(text.contains(", mxnet 1.9.1, pytorch 2.7.1, plain PyTorch 1.13.0a0"), text);
    assertTrue(text.contains("Command: zoo bench all\n"), text);
    assertTrue(
        text.contains(
            "Budgets: cnn 1 epoch of 12,000 images; gan 300 steps of 64 images on 10,000 images"),
        text);
    assertTrue(text.contains("Not measured:\n  The vae benchmark on mxnet failed"), text);
    Map<String, Object> json = report.report().data();
    assertEquals(4, ((List<?>) json.get("rows")).size());
    assertTrue(((Map<?, ?>) json.get("machine")).containsKey("load_average_end"));
    assertEquals("zoo bench all", json.get("command"));

    String md = report.markdown("**Format example.**");
    assertTrue(md.startsWith("# Benchmark results\n\n> **Format example.**\n"), md);
    assertTrue(md.contains("- Command: `zoo bench all`"), md);

    List<EngineSpeeds.Measurement> speeds = report.speeds("zoo bench all --budget default");
    assertEquals(1, speeds.size(), "the gan was measured on one engine only");
    EngineSpeeds.Measurement cnn = speeds.get(0);
    assertEquals("training cnn/simple-cnn", cnn.job());
    assertEquals("cpu", cnn.device());
    assertEquals(Map.of("mxnet", 1000.0, "pytorch", 3000.0), cnn.perSecond());
    assertEquals(machine.date(), cnn.measured());
    assertEquals("zoo bench all --budget default", cnn.source());
  }

  @Test
  void theDefaultBudgetIsTheBriefOfTheBenchmark() {
    BenchBudget.Settings cnn = BenchBudget.DEFAULT.settings("cnn");
    assertEquals(1, cnn.epochs());
    assertEquals(12_000, cnn.limit());
    assertEquals(300, BenchBudget.DEFAULT.settings("gan").steps());
    assertEquals(Map.of("bench.longer", "1"), BenchBudget.DEFAULT.settings("gan").sets());
    assertEquals(100, BenchBudget.DEFAULT.settings("transformer").steps());
    assertNull(BenchBudget.DEFAULT.settings("tabular").epochs(), "the variant's 40 epochs");
    assertEquals(5, BenchBudget.QUICK.settings("tabular").epochs());
    assertEquals(BenchBudget.LONG, BenchBudget.of("Long"));
  }
}
