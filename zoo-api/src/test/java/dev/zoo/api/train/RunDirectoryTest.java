package dev.zoo.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.RunInUseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run directory guarantees: one live run at a time (the lock), and after a killed run or a
 * failed checkpoint write, an intact checkpoint that a resume continues to the uninterrupted
 * result.
 */
class RunDirectoryTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  private TrainingLoop loop(LinearTask task, Path runDir, int epochs, boolean resume) {
    return new TrainingLoop(
        task,
        new StepPlan(LinearTask.SIZE, 8, epochs, 0),
        7,
        runDir,
        FitOptions.defaults().withListener(new ConsoleProgress(log, false)).withResume(resume));
  }

  private static List<Integer> loggedEpochs(Path runDir) {
    return new MetricsLog(runDir).read().stream().map(o -> o.get("epoch").getAsInt()).toList();
  }

  private static float straightWeight(Path runDir, int epochs) {
    try (LinearTask straight = new LinearTask()) {
      new TrainingLoop(
              straight,
              new StepPlan(LinearTask.SIZE, 8, epochs, 0),
              7,
              runDir,
              FitOptions.defaults())
          .run();
      return straight.weight();
    }
  }

  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(
              dir.relativize(p).toString(),
              sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p).toMillis());
        }
      }
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRunIntoADirectoryALiveRunHoldsIsRefusedAndChangesNothing() throws IOException {
    Path runDir = tmp.resolve("run");
    try (LinearTask task = new LinearTask()) {
      loop(task, runDir, 1, false).run();
    }
    assertEquals(
        List.of(RunLock.FILE, Checkpoint.DIR, MetricsLog.FILE), names(runDir), "the lock file");
    Map<String, String> before = snapshot(runDir);

    try (RunLock held = RunLock.acquire(runDir, TrainingListener.NONE);
        LinearTask task = new LinearTask()) {
      RunInUseException e =
          assertThrows(RunInUseException.class, () -> loop(task, runDir, 2, true).run());

      assertEquals(
          "Run directory "
              + runDir
              + " is in use by another training run; wait for it to end or choose another --out.",
          e.getMessage());
      assertEquals(before, snapshot(runDir));
      assertEquals(0, task.checkpointEpochAtEvaluation.size(), "nothing trained");
    }

    // A fresh run into a directory that holds no checkpoint yet is refused as well.
    Path fresh = Files.createDirectories(tmp.resolve("fresh"));
    try (RunLock held = RunLock.acquire(fresh, TrainingListener.NONE);
        LinearTask task = new LinearTask()) {
      assertThrows(RunInUseException.class, () -> loop(task, fresh, 1, false).run());
      assertFalse(Checkpoint.exists(fresh));
    }

    // Released, the lock file left behind blocks nothing.
    try (LinearTask task = new LinearTask()) {
      assertEquals(2, loop(task, runDir, 2, true).run().completedEpochs());
    }
    try (RunLock again = RunLock.acquire(runDir, TrainingListener.NONE)) {
      assertTrue(Files.isRegularFile(runDir.resolve(TrainingLoop.LOCK_FILE)));
    }
  }

  @Test
  void whatAKilledRunLeftUnfinishedGoesOnResume() throws IOException {
    Path runDir = tmp.resolve("killed");
    try (LinearTask task = new LinearTask()) {
      loop(task, runDir, 2, false).run();
    }
    // Killed in epoch 3 after its metrics record, in the middle of writing its checkpoint, and
    // once more in the middle of a record.
    Files.createDirectories(runDir.resolve(".checkpoint-tmp1234"));
    Files.writeString(runDir.resolve(".checkpoint-tmp1234/model.params"), "half");
    new MetricsLog(runDir).append(Map.of("epoch", 3, "train_loss", 0.1));
    Files.writeString(
        runDir.resolve(MetricsLog.FILE), "{\"epoch\": 3, \"tr", StandardOpenOption.APPEND);

    float resumed;
    try (LinearTask task = new LinearTask()) {
      assertEquals(3, loop(task, runDir, 3, true).run().completedEpochs());
      resumed = task.weight();
    }

    assertEquals(List.of(RunLock.FILE, Checkpoint.DIR, MetricsLog.FILE), names(runDir));
    assertEquals(List.of(1, 2, 3), loggedEpochs(runDir));
    assertEquals(straightWeight(tmp.resolve("straight"), 3), resumed, 1e-6);
  }

  @Test
  void aResumedRunDrawsTheDropoutMasksOfTheUninterruptedOne() {
    Path runDir = tmp.resolve("dropout");
    try (LinearTask task = new LinearTask().dropout(0.5f)) {
      loop(task, runDir, 1, false).run();
    }
    float resumed;
    try (LinearTask task = new LinearTask().dropout(0.5f)) {
      loop(task, runDir, 3, true).run();
      resumed = task.weight();
    }
    float straight;
    float other;
    try (LinearTask task = new LinearTask().dropout(0.5f)) {
      loop(task, tmp.resolve("straight"), 3, false).run();
      straight = task.weight();
    }
    try (LinearTask task = new LinearTask()) {
      loop(task, tmp.resolve("without"), 3, false).run();
      other = task.weight();
    }

    assertEquals(straight, resumed, 1e-6f, "the same masks, step by step");
    assertTrue(Math.abs(straight - other) > 1e-4, "dropout changes the steps: " + straight);
  }

  @Test
  void aFreshRunStartsItsMetricsAnew() throws IOException {
    // Killed after its first record, before its first checkpoint.
    Path runDir = Files.createDirectories(tmp.resolve("early"));
    new MetricsLog(runDir).append(Map.of("epoch", 1, "train_loss", 0.1));

    try (LinearTask task = new LinearTask()) {
      loop(task, runDir, 2, false).run();
    }

    assertEquals(List.of(1, 2), loggedEpochs(runDir));
  }

  @Test
  void aCheckpointThatCannotBeWrittenLeavesThePreviousOneIntact() throws IOException {
    Path runDir = tmp.resolve("full");
    try (LinearTask task = new LinearTask().failingSave(2)) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> loop(task, runDir, 3, false).run());

      Path target = runDir.resolve(Checkpoint.DIR).toAbsolutePath();
      assertEquals(
          "Cannot write the checkpoint "
              + target
              + " (state.bin: No space left on device); the previous checkpoint is intact.",
          e.getMessage());
    }
    assertEquals(1, Checkpoint.open(runDir, LinearTask.FAMILY).info().epoch(), "checksums hold");
    assertEquals(4, LinearTask.savedAdamSteps(runDir));
    assertEquals(List.of(RunLock.FILE, Checkpoint.DIR, MetricsLog.FILE), names(runDir));

    float resumed;
    try (LinearTask task = new LinearTask()) {
      assertEquals(3, loop(task, runDir, 3, true).run().completedEpochs());
      resumed = task.weight();
    }
    assertEquals(List.of(1, 2, 3), loggedEpochs(runDir));
    assertEquals(straightWeight(tmp.resolve("straight"), 3), resumed, 1e-6);

    Path first = tmp.resolve("first");
    try (LinearTask task = new LinearTask().failingSave(1)) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> loop(task, first, 3, false).run());

      assertTrue(e.getMessage().endsWith("); there is no checkpoint yet."), e.getMessage());
    }
    assertFalse(Checkpoint.exists(first));
    assertEquals(List.of(RunLock.FILE, MetricsLog.FILE), names(first));
  }
}
