package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.data.DataSplits;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Continuing a run with --resume, and what an interrupted run leaves behind. */
class ResumeTest {

  @TempDir static Path shared;
  private static Path data;

  @TempDir Path dir;

  @BeforeAll
  static void writeData() throws IOException {
    DataSplits sample = TestData.sample();
    data = TestData.writeIdxDir(shared.resolve("data"), sample.train(), sample.test().first(300));
  }

  private static TrainRequest request(String variant, Path out, int epochs, boolean resume) {
    return new TrainRequest(variant, out, epochs, null, null, null, resume, Map.of());
  }

  private static Report train(TrainRequest request, ByteArrayOutputStream log) {
    return train(request, "pytorch", log);
  }

  private static Report train(TrainRequest request, String engine, ByteArrayOutputStream log) {
    return new CnnFamily().train(request, TestData.context(engine, data, log));
  }

  private static List<JsonObject> metrics(Path run) throws IOException {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      lines.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return lines;
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> historyEpochs(Report report) {
    List<Integer> epochs = new ArrayList<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) report.data().get("history")) {
      epochs.add((Integer) e.get("epoch"));
    }
    return epochs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void resumeTrainsOnlyTheMissingEpoch(String engine) throws IOException {
    Path out = dir.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report first = train(request("lenet", out, 1, false), engine, log);
    assertEquals(1, first.data().get("epochs"));
    assertEquals(List.of(1), historyEpochs(first));
    assertEquals(1, Checkpoint.open(out, CnnFamily.NAME).info().epoch());
    List<JsonObject> afterFirst = metrics(out);
    assertEquals(1, afterFirst.size());
    assertEquals(1, afterFirst.get(0).get("epoch").getAsInt());
    byte[] paramsAfterFirst = Files.readAllBytes(out.resolve("checkpoint/model.params"));

    ByteArrayOutputStream resumeLog = new ByteArrayOutputStream();
    Report second = train(request(null, out, 2, true), engine, resumeLog);

    assertEquals(2, second.data().get("epochs"));
    assertEquals(List.of(2), historyEpochs(second), "only epoch 2 is trained again");
    assertTrue(
        resumeLog.toString(StandardCharsets.UTF_8).contains("from epoch 1 of 2"),
        resumeLog.toString(StandardCharsets.UTF_8));
    assertFalse(resumeLog.toString(StandardCharsets.UTF_8).contains("Epoch 1/2"));
    List<JsonObject> afterSecond = metrics(out);
    assertEquals(2, afterSecond.size());
    assertEquals(afterFirst.get(0), afterSecond.get(0), "line 1 is kept as it was");
    assertEquals(2, afterSecond.get(1).get("epoch").getAsInt());
    JsonObject modelJson =
        JsonParser.parseString(Files.readString(out.resolve("checkpoint/model.json")))
            .getAsJsonObject();
    assertEquals(2, modelJson.get("epoch").getAsInt());
    assertEquals("lenet", modelJson.get("variant").getAsString());
    assertEquals("2", modelJson.getAsJsonObject("hyperparameters").get("epochs").getAsString());
    CheckpointInfo info = Checkpoint.open(out, CnnFamily.NAME).info();
    assertEquals(2, info.epoch());
    assertNotEquals(
        TestData.sha256(paramsAfterFirst),
        TestData.sha256(Files.readAllBytes(out.resolve("checkpoint/model.params"))),
        "epoch 2 changed the parameters");

    // Nothing left to do: the run is complete, and nothing is touched.
    Map<String, String> before = TestData.snapshot(out);
    ByteArrayOutputStream completeLog = new ByteArrayOutputStream();
    Report complete = train(request(null, out, 2, true), completeLog);
    assertTrue(
        completeLog.toString(StandardCharsets.UTF_8).contains("Run " + out + " is complete"),
        completeLog.toString(StandardCharsets.UTF_8));
    assertEquals(2, complete.data().get("epochs"));
    assertEquals(before, TestData.snapshot(out));
    TestData.assertZooError(
        () -> train(request("simple-cnn", out, 3, true), new ByteArrayOutputStream()),
        "Cannot resume",
        "holds a lenet model, not simple-cnn");
    TestData.assertZooError(
        () -> train(request("lenet", out, 3, false), new ByteArrayOutputStream()),
        "already holds a checkpoint",
        "--resume");
    assertEquals(before, TestData.snapshot(out));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lastEpoch(Report report) {
    List<Map<String, Object>> history = (List<Map<String, Object>>) report.data().get("history");
    return history.get(history.size() - 1);
  }

  @Test
  void resumedRunMatchesAnUninterruptedOne() {
    // A constant learning rate: a cosine schedule's length depends on the epochs of each run.
    Map<String, String> constant = Map.of("schedule", "constant");
    Report straight =
        train(
            new TrainRequest(
                "lenet", dir.resolve("straight"), 2, null, null, null, false, constant),
            new ByteArrayOutputStream());
    train(
        new TrainRequest("lenet", dir.resolve("resumed"), 1, null, null, null, false, constant),
        new ByteArrayOutputStream());
    Report resumed =
        train(
            new TrainRequest(null, dir.resolve("resumed"), 2, null, null, null, true, Map.of()),
            new ByteArrayOutputStream());
    Map<String, Object> a = lastEpoch(straight);
    Map<String, Object> b = lastEpoch(resumed);
    assertEquals(2, a.get("epoch"));
    assertEquals(2, b.get("epoch"));
    // Same seed, same shuffles, restored Adam moments and step count: the same numbers.
    assertEquals((Double) a.get("train_loss"), (Double) b.get("train_loss"), 1e-5);
    assertEquals((Double) a.get("test_accuracy"), (Double) b.get("test_accuracy"), 0.01);
    assertEquals(
        (Double) straight.data().get("accuracy"), (Double) resumed.data().get("accuracy"), 0.01);
  }

  @Test
  void resumeNeedsACheckpoint() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    TestData.assertZooError(
        () -> train(request("lenet", empty, 2, true), new ByteArrayOutputStream()),
        "Cannot resume",
        "holds no checkpoint");
    TestData.assertZooError(
        () -> train(request("lenet", dir.resolve("missing"), 2, true), new ByteArrayOutputStream()),
        "Cannot resume",
        "holds no checkpoint");
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  /** Trains cnn/lenet for many epochs into args[0] on the IDX data in args[1]; killed by tests. */
  public static final class LongRun {
    public static void main(String[] args) {
      RunContext context =
          RunContext.builder(dev.zoo.api.Zoo.discover())
              .engine("pytorch")
              .data(Path.of(args[1]))
              .log(System.err)
              .out(System.out)
              .build();
      new CnnFamily().train(request("lenet", Path.of(args[0]), 50, false), context);
    }
  }

  @Test
  void runKilledMidEpochLeavesTheLastCheckpointValid() throws Exception {
    Path out = dir.resolve("killed");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Djava.awt.headless=true",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                LongRun.class.getName(),
                out.toString(),
                data.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    boolean killed = false;
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String line;
      while ((line = err.readLine()) != null) {
        lines.add(line);
        if (!killed && line.startsWith("Epoch 2/50 [")) {
          // Epoch 1 is checkpointed and epoch 2 is a quarter done: stop the JVM as Ctrl-C does.
          // (ProcessHandle.destroy, unlike Process.destroy, keeps the pipes open for reading.)
          process.toHandle().destroy();
          killed = true;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
    } finally {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    String stderr = String.join("\n", lines);
    if (!killed) {
      fail("the training process never reached epoch 2:\n" + stderr);
    }
    assertNotEquals(0, process.exitValue(), stderr);
    assertTrue(
        stderr.contains("Interrupted. The checkpoint of the last completed epoch in " + out),
        stderr);
    assertTrue(stderr.contains("--resume --out " + out), stderr);
    assertFalse(stderr.contains("Epoch 2/50  train_loss"), "epoch 2 finished before the kill");

    // The checkpoint of epoch 1 opens and verifies its checksums.
    CheckpointInfo info = Checkpoint.open(out, CnnFamily.NAME).info();
    assertEquals(1, info.epoch());
    assertEquals(1, metrics(out).size());
    try (ImageClassifier model = ImageClassifier.load(out, "pytorch")) {
      assertEquals("lenet", model.variant());
    }

    // A fresh run into the same directory is refused and changes nothing.
    Map<String, String> before = TestData.snapshot(out);
    TestData.assertZooError(
        () -> train(request("lenet", out, 2, false), new ByteArrayOutputStream()),
        "Output directory " + out + " already holds a checkpoint",
        "--resume");
    assertEquals(before, TestData.snapshot(out));

    // --resume continues from epoch 1.
    Report resumed = train(request(null, out, 2, true), new ByteArrayOutputStream());
    assertEquals(List.of(2), historyEpochs(resumed));
    assertEquals(2, Checkpoint.open(out, CnnFamily.NAME).info().epoch());
    List<JsonObject> metrics = metrics(out);
    assertEquals(2, metrics.size());
    assertEquals(1, metrics.get(0).get("epoch").getAsInt());
    assertEquals(2, metrics.get(1).get("epoch").getAsInt());
  }
}
