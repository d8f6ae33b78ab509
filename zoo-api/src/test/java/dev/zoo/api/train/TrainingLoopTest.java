package dev.zoo.api.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.ZooException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training runtime with a tiny real model on PyTorch. */
class TrainingLoopTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private FitOptions options(boolean resume) {
    return FitOptions.defaults().withListener(new ConsoleProgress(log, false)).withResume(resume);
  }

  private TrainingLoop loop(LinearTask task, Path runDir, int epochs) {
    return loop(task, runDir, epochs, false);
  }

  private TrainingLoop loop(LinearTask task, Path runDir, int epochs, boolean resume) {
    return new TrainingLoop(
        task, new StepPlan(LinearTask.SIZE, 8, epochs, 0), 7, runDir, options(resume));
  }

  private TrainingLoop stepsLoop(LinearTask task, Path runDir, int steps, boolean resume) {
    return new TrainingLoop(
        task, new StepPlan(LinearTask.SIZE, 8, 1, steps), 7, runDir, options(resume));
  }

  private static List<Integer> epochs(TrainingSummary summary) {
    return summary.epochs().stream().map(EpochResult::epoch).toList();
  }

  private static List<Integer> loggedEpochs(Path runDir) {
    return new MetricsLog(runDir).read().stream().map(o -> o.get("epoch").getAsInt()).toList();
  }

  @Test
  void lossDecreasesAndEveryEpochIsLoggedAndCheckpointed() throws IOException {
    Path runDir = tmp.resolve("run");
    try (LinearTask task = new LinearTask()) {
      TrainingSummary summary = loop(task, runDir, 3).run();

      assertEquals(List.of(1, 2, 3), epochs(summary));
      assertEquals(3, summary.completedEpochs());
      double[] losses =
          summary.epochs().stream().mapToDouble(r -> r.metrics().get("train_loss")).toArray();
      assertTrue(losses[0] > losses[1] && losses[1] > losses[2], java.util.Arrays.toString(losses));
      assertTrue(losses[0] > 2 * losses[2], java.util.Arrays.toString(losses));
      double weight = summary.last().metrics().get("weight");
      assertTrue(weight > 0.5 && weight < 2.5, "weight moves towards 2: " + weight);
      assertEquals(12, LinearTask.savedAdamSteps(runDir), "4 steps per epoch");
      // Each evaluation sees the checkpoint of the epoch before it.
      assertEquals(List.of(0, 1, 2), task.checkpointEpochAtEvaluation);

      List<String> lines = Files.readAllLines(runDir.resolve(MetricsLog.FILE));
      assertEquals(3, lines.size(), String.join("\n", lines));
      List<JsonObject> records = new MetricsLog(runDir).read();
      for (int i = 0; i < 3; i++) {
        JsonObject record = records.get(i);
        assertEquals(i + 1, record.get("epoch").getAsInt());
        assertEquals(losses[i], record.get("train_loss").getAsDouble(), 1e-12);
        assertTrue(record.has("weight") && record.has("examples_per_s") && record.has("seconds"));
      }

      Checkpoint cp = Checkpoint.open(runDir, LinearTask.FAMILY);
      assertEquals(3, cp.info().epoch());
      assertEquals(losses[2], cp.info().metrics().get("train_loss"), 1e-12);
      assertEquals(runDir.resolve(Checkpoint.DIR).toAbsolutePath(), summary.checkpoint());
      String text = logBytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("Epoch 3/3  train_loss"), text);
    }
  }

  @Test
  void aNanLossStopsTrainingAndKeepsTheLastCheckpoint() {
    Path runDir = tmp.resolve("nan");
    try (LinearTask task = new LinearTask(4)) {
      TrainingLoop loop = loop(task, runDir, 3);

      ZooException e = assertThrows(ZooException.class, loop::run);

      String m = e.getMessage();
      assertTrue(m.contains("the loss became NaN"), m);
      assertTrue(m.contains("epoch 2, step 1"), m);
      assertTrue(m.contains("checkpoint of epoch 1"), m);
      assertEquals(1, Checkpoint.open(runDir, LinearTask.FAMILY).info().epoch());
      assertEquals(List.of(1), loggedEpochs(runDir));
    }
  }

  @Test
  void resumeTrainsOnlyTheRemainingEpochsWithTheSavedOptimizerState() {
    Path runDir = tmp.resolve("resumed");
    try (LinearTask first = new LinearTask()) {
      loop(first, runDir, 2).run();
      assertEquals(8, LinearTask.savedAdamSteps(runDir));
    }

    TrainingSummary summary;
    float resumedWeight;
    try (LinearTask second = new LinearTask()) {
      TrainingLoop.checkRunDirectory(runDir, true);
      summary = loop(second, runDir, 4, true).run();

      assertEquals(16, LinearTask.savedAdamSteps(runDir), "8 restored steps and 8 new ones");
      resumedWeight = second.weight();
    }
    assertEquals(List.of(3, 4), epochs(summary));
    assertEquals(4, summary.completedEpochs());
    assertEquals(List.of(1, 2, 3, 4), loggedEpochs(runDir));
    assertEquals(4, Checkpoint.open(runDir, LinearTask.FAMILY).info().epoch());
    assertTrue(
        logBytes.toString(StandardCharsets.UTF_8).contains("Resuming " + runDir + " from epoch 2"));

    // The resumed run ends where an uninterrupted one does.
    try (LinearTask straight = new LinearTask()) {
      TrainingSummary full = loop(straight, tmp.resolve("straight"), 4).run();
      assertEquals(straight.weight(), resumedWeight, 1e-5);
      assertEquals(
          full.last().metrics().get("train_loss"),
          summary.last().metrics().get("train_loss"),
          1e-5);
    }
  }

  @Test
  void resumingAFinishedRunTrainsNothing() {
    Path runDir = tmp.resolve("done");
    try (LinearTask first = new LinearTask()) {
      loop(first, runDir, 2).run();
    }
    try (LinearTask second = new LinearTask()) {
      TrainingSummary summary = loop(second, runDir, 2, true).run();

      assertEquals(List.of(), epochs(summary));
      assertEquals(2, summary.completedEpochs());
      assertEquals(List.of(1, 2), loggedEpochs(runDir));
      String text = logBytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("Run " + runDir + " is complete"), text);
    }
  }

  @Test
  void checkRunDirectoryRefusesAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("out.txt"), "x");

    ZooException e =
        assertThrows(ZooException.class, () -> TrainingLoop.checkRunDirectory(file, false));

    assertEquals("Output directory " + file + " is a file, not a directory.", e.getMessage());
  }

  @Test
  void checkRunDirectoryNeverOverwritesACheckpointWithoutResume() {
    Path runDir = tmp.resolve("taken");
    try (LinearTask task = new LinearTask()) {
      loop(task, runDir, 1).run();
    }

    ZooException e =
        assertThrows(ZooException.class, () -> TrainingLoop.checkRunDirectory(runDir, false));

    assertTrue(e.getMessage().contains("already holds a checkpoint"), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertDoesNotThrow(() -> TrainingLoop.checkRunDirectory(runDir, true));
  }

  @Test
  void checkRunDirectoryNeedsACheckpointToResume() throws IOException {
    Path missing = tmp.resolve("missing");
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    ZooException e =
        assertThrows(ZooException.class, () -> TrainingLoop.checkRunDirectory(missing, true));
    ZooException e2 =
        assertThrows(ZooException.class, () -> TrainingLoop.checkRunDirectory(empty, true));

    assertEquals("Cannot resume: " + missing + " holds no checkpoint.", e.getMessage());
    assertTrue(e2.getMessage().contains("holds no checkpoint"), e2.getMessage());
    assertDoesNotThrow(() -> TrainingLoop.checkRunDirectory(missing, false));
    assertDoesNotThrow(() -> TrainingLoop.checkRunDirectory(empty, false));
  }

  @Test
  void badPlansAndAMissingRunDirectoryAreRefused() {
    assertTrue(
        assertThrows(ZooException.class, () -> new StepPlan(32, 8, 0, 0))
            .getMessage()
            .startsWith("Epochs must be a positive number"));
    assertTrue(
        assertThrows(ZooException.class, () -> new StepPlan(32, -1, 1, 0))
            .getMessage()
            .startsWith("Batch size must be a positive number"));
    assertTrue(
        assertThrows(ZooException.class, () -> TrainingLoop.checkRunDirectory(null, false))
            .getMessage()
            .contains("--out"));
  }

  @Test
  void stepsStopMidEpochAndResumeContinuesFromTheStepTaken() {
    Path runDir = tmp.resolve("steps");
    try (LinearTask task = new LinearTask()) {
      TrainingSummary summary = stepsLoop(task, runDir, 6, false).run();
      assertEquals(List.of(1, 2), epochs(summary), "4 steps per epoch, then 2");
      assertEquals(6, LinearTask.savedAdamSteps(runDir));
      assertEquals(6.0, Checkpoint.open(runDir, LinearTask.FAMILY).info().metrics().get("steps"));
    }
    float resumedWeight;
    try (LinearTask task = new LinearTask()) {
      TrainingSummary summary = stepsLoop(task, runDir, 13, true).run();
      // Epoch 2 continues at its third step, as it would have without the stop: 2, 4, then 1.
      assertEquals(List.of(2, 3, 4), epochs(summary), "7 more steps: 2, 4, then 1");
      assertEquals(13, LinearTask.savedAdamSteps(runDir), "the restored optimizer counts on");
      assertEquals(13.0, Checkpoint.open(runDir, LinearTask.FAMILY).info().metrics().get("steps"));
      assertEquals(List.of(1, 2, 3, 4), loggedEpochs(runDir));
      resumedWeight = task.weight();
    }
    try (LinearTask straight = new LinearTask()) {
      stepsLoop(straight, tmp.resolve("straight13"), 13, false).run();
      assertEquals(straight.weight(), resumedWeight, 1e-6, "the same steps as one run");
    }
  }

  @Test
  void aStepBudgetStopsWithACheckpointThatResumesToTheSameResult() {
    Path runDir = tmp.resolve("budget");
    try (LinearTask task = new LinearTask()) {
      TrainingSummary summary =
          new TrainingLoop(
                  task,
                  new StepPlan(LinearTask.SIZE, 8, 3, 0),
                  7,
                  runDir,
                  options(false).withMaxSteps(5))
              .run();
      assertEquals(List.of(1, 2), epochs(summary), "4 steps, then 1 of epoch 2");
      assertEquals(1, summary.completedEpochs());
      assertEquals(5.0, Checkpoint.open(runDir, LinearTask.FAMILY).info().metrics().get("steps"));
      assertEquals(1, Checkpoint.open(runDir, LinearTask.FAMILY).info().epoch());
      assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("Stopped at step 5 of 12"));
    }
    float resumedWeight;
    try (LinearTask task = new LinearTask()) {
      TrainingSummary summary = loop(task, runDir, 3, true).run();
      assertEquals(List.of(2, 3), epochs(summary));
      assertEquals(3, summary.completedEpochs());
      assertEquals(List.of(1, 2, 3), loggedEpochs(runDir));
      resumedWeight = task.weight();
    }
    try (LinearTask straight = new LinearTask()) {
      loop(straight, tmp.resolve("straight3"), 3).run();
      assertEquals(straight.weight(), resumedWeight, 1e-6);
    }
  }
}
