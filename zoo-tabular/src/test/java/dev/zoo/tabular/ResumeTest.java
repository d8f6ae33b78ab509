package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuing a run with --resume on the embedded table. */
class ResumeTest {

  private static final Map<String, String> CONSTANT = Map.of("schedule", "constant");

  @TempDir Path dir;

  private static TrainRequest resume(Path out, int epochs) {
    return new TrainRequest(null, out, epochs, null, null, null, true, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> last(Report report) {
    List<Map<String, Object>> history = (List<Map<String, Object>>) report.data().get("history");
    return history.get(history.size() - 1);
  }

  @Test
  void resumedRunMatchesAnUninterruptedOne() throws IOException {
    Report straight = TestData.train(TestData.request(dir.resolve("straight"), 4, CONSTANT), null);
    Path out = dir.resolve("resumed");
    TestData.train(TestData.request(out, 2, CONSTANT), null);
    assertEquals(2, Checkpoint.open(out, TabularFamily.NAME).info().epoch());
    Report resumed = TestData.train(resume(out, 4), null);

    assertEquals(4, resumed.data().get("epochs"));
    assertEquals(2, ((List<?>) resumed.data().get("history")).size(), "only epochs 3 and 4 ran");
    assertEquals(4, Files.readAllLines(out.resolve("metrics.jsonl")).size());
    // Same seed, split, shuffles, standardisation and restored Adam state: the same numbers.
    assertEquals(4, last(resumed).get("epoch"));
    assertEquals(
        (Double) last(straight).get("train_loss"), (Double) last(resumed).get("train_loss"), 1e-5);
    assertEquals(straight.data().get("accuracy"), resumed.data().get("accuracy"));

    // A complete run: nothing to do, and nothing is touched.
    Map<String, String> before = TestData.snapshot(out);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new TabularFamily().train(resume(out, 4), TestData.context("pytorch", null, log));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Run " + out + " is complete"), text);
    assertEquals(before, TestData.snapshot(out));
    TestData.assertZooError(
        () -> TestData.train(TestData.request(out, 5, Map.of()), null),
        "already holds a checkpoint",
        "--resume");
    assertEquals(before, TestData.snapshot(out));
  }
}
