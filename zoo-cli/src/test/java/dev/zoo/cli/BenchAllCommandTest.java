package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.engine.EngineSpeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo bench all} and {@code zoo bench FAMILY} end to end on the smallest family and budget,
 * each engine in its own process, without the plain-PyTorch peer (which needs python3-torch).
 */
class BenchAllCommandTest {

  @TempDir Path dir;

  @Test
  void benchAllWritesOneTableAsJsonMarkdownAndShippedSpeeds() throws Exception {
    Path markdown = dir.resolve("bench/RESULTS.md");
    Path speeds = dir.resolve("engine-speeds.json");
    Cli.Result result =
        Cli.run(
            "bench",
            "all",
            "--budget",
            "quick",
            "--only",
            "tabular",
            "--no-peer",
            "--json",
            "--write",
            markdown.toString(),
            "--write-speeds",
            speeds.toString());
    result.ok();

    JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
    assertEquals("Benchmark of tabular, budget quick", json.get("title").getAsString());
    assertTrue(json.get("command").getAsString().startsWith("zoo bench all --budget quick"));
    JsonObject machine = json.getAsJsonObject("machine");
    for (String key : List.of("date", "cores", "cpu", "load_average_start", "load_average_end")) {
      assertTrue(machine.has(key) && !machine.get(key).isJsonNull(), key + " in " + machine);
    }
    assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").getAsInt());
    JsonObject versions = json.getAsJsonObject("versions");
    assertTrue(
        versions.has("DJL") && versions.has("mxnet") && versions.has("pytorch"),
        versions.toString());
    JsonArray rows = json.getAsJsonArray("rows");
    Set<String> engines = new TreeSet<>();
    for (JsonElement e : rows) {
      JsonObject row = e.getAsJsonObject();
      engines.add(row.get("engine").getAsString());
      assertEquals("tabular", row.get("family").getAsString());
      assertEquals("mlp", row.get("model").getAsString());
      assertEquals("rows", row.get("unit").getAsString());
      for (String key :
          List.of("train_per_s", "infer_per_s", "infer_batch", "latency_ms", "peak_rss_mb")) {
        assertTrue(row.get(key).getAsDouble() > 0, key + " in " + row);
      }
      assertEquals("test accuracy", row.get("quality_name").getAsString());
      double accuracy = row.get("quality").getAsDouble();
      assertTrue(accuracy > 0.5 && accuracy <= 1, row.toString());
      assertTrue(row.get("budget").getAsString().startsWith("5 epochs of "), row.toString());
    }
    assertEquals(Set.of("mxnet", "pytorch"), engines);
    assertEquals(0, json.getAsJsonArray("failures").size(), result::toString);

    String md = Files.readString(markdown);
    assertTrue(md.startsWith("# Benchmark results\n\n> **Format example.**"), md);
    assertTrue(md.contains("- Command: `zoo bench all --budget quick --only tabular"), md);
    assertTrue(md.contains("| family | model | runner | unit | train/s |"), md);
    assertEquals(2, md.lines().filter(l -> l.startsWith("| tabular | mlp | zoo-")).count(), md);

    List<EngineSpeeds.Measurement> written = EngineSpeeds.read(speeds);
    assertEquals(1, written.size());
    assertEquals("training tabular/mlp", written.get(0).job());
    assertEquals(Set.of("mxnet", "pytorch"), written.get(0).perSecond().keySet());
    assertEquals("zoo bench all --budget quick", written.get(0).source());
    assertEquals(EngineSpeeds.djlVersion(), written.get(0).djlVersion());
  }

  @Test
  void benchOfOneFamilyPrintsTheSameTable() {
    Cli.Result result =
        Cli.run(
            "bench",
            "tabular",
            "--epochs",
            "1",
            "--limit",
            "100",
            "--no-peer",
            "--engine",
            "pytorch");
    result.ok();
    List<String> lines = result.out().lines().toList();
    assertTrue(lines.get(0).startsWith("Benchmark of tabular, 20"), result::toString);
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("family +model +runner +unit +train/s .*")),
        result::toString);
    assertEquals(
        1,
        lines.stream().filter(l -> l.startsWith("tabular  mlp    zoo-pytorch")).count(),
        result::toString);
    assertTrue(
        result.out().contains("Budgets: tabular 1 epoch of 100 rows, batch 32 ("),
        result::toString);
  }

  @Test
  void anUnknownFamilyOrBudgetIsOneSentence() {
    Cli.run("bench", "all", "--only", "cnn,nosuch", "--no-peer")
        .userError("Unknown family 'nosuch' in --only; known families: ");
    Cli.run("bench", "all", "--budget", "huge")
        .userError("Unknown budget 'huge'; known budgets: quick, default, long.");
  }
}
