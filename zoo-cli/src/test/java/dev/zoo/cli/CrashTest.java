package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.train.TrainingLoop;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training runs of the {@code zoo} command in child JVMs that are killed, that meet a live run in
 * their directory, or that run out of file space; {@code bench/crash.sh} runs many more kills over
 * every family.
 */
class CrashTest {

  @TempDir Path dir;

  private static final String FAMILY = "tabular";

  private static ChildJvm.Result finish(Process process, Path outputs)
      throws IOException, InterruptedException {
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the child did not finish");
    return new ChildJvm.Result(
        process.exitValue(),
        Files.readString(outputs.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(outputs.resolve("err.txt"), StandardCharsets.UTF_8),
        java.util.Set.of());
  }

  /** Exit 2 and, as the last line of standard error and the only one of its kind, one sentence. */
  private static String userError(ChildJvm.Result r) {
    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.err().lines().toList();
    String line = lines.get(lines.size() - 1);
    assertTrue(line.startsWith("zoo: "), r::toString);
    assertEquals(1, lines.stream().filter(l -> l.startsWith("zoo: ")).count(), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
    assertFalse(line.contains("Exception"), r::toString);
    String sentence = line.substring("zoo: ".length());
    assertTrue(sentence.endsWith("."), line);
    assertEquals(1, sentence.split("\\. ").length, "one sentence: " + line);
    return line;
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(
              root.relativize(p).toString(),
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

  private static String[] train(Path run, int epochs, boolean resume) {
    List<String> args =
        new ArrayList<>(List.of("train", FAMILY, "--epochs", "" + epochs, "--out", run.toString()));
    if (resume) {
      args.add("--resume");
    }
    return args.toArray(String[]::new);
  }

  private static String[] pytorch(String[] args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--engine", "pytorch"));
    return all.toArray(String[]::new);
  }

  @Test
  void killedRunsLeaveACheckpointThatResumesToTheUninterruptedResult()
      throws IOException, InterruptedException {
    CrashTrials crash = new CrashTrials(dir, 20261129L, System.out);
    System.out.println(CrashTrials.heading());
    List<CrashTrials.Outcome> outcomes = new ArrayList<>();
    for (int trial = 1; trial <= 6; trial++) {
      outcomes.add(crash.trial(trial, FAMILY));
    }
    for (CrashTrials.Outcome outcome : outcomes) {
      assertTrue(outcome.ok(), outcome::line);
    }
  }

  @Test
  void aRunIntoTheDirectoryOfALiveRunIsRefusedAndChangesNothing()
      throws IOException, InterruptedException {
    Path run = dir.resolve("run");
    Cli.run(train(run, 1, false)).ok();
    Map<String, String> before = snapshot(run);

    // The lock as another process holds it while it trains. Nothing in this JVM may open the file
    // meanwhile: closing any channel of it would release the lock.
    Path outputs = dir.resolve("second");
    ChildJvm.Result second;
    try (FileChannel channel =
            FileChannel.open(run.resolve(TrainingLoop.LOCK_FILE), StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      second = finish(ChildJvm.start(outputs, ChildJvm.command(train(run, 2, true))), outputs);
    }

    assertEquals(
        "zoo: Run directory "
            + run
            + " is in use by another training run; wait for it to end or choose another --out.",
        userError(second));
    assertEquals(before, snapshot(run));
    // Once the other run has ended, the same command goes ahead.
    assertEquals(
        0, finish(ChildJvm.start(outputs, ChildJvm.command(train(run, 2, true))), outputs).code());
    assertEquals(2, Checkpoint.open(run, FAMILY).info().epoch());
  }

  @Test
  void aCheckpointThatDoesNotFitTheDiskLeavesThePreviousOneIntact()
      throws IOException, InterruptedException {
    // PyTorch: MXNet's engine unpacks JNA's native library into a temporary file at every start,
    // which the size limit below would refuse before training begins.
    Path run = dir.resolve("run");
    Cli.run(pytorch(train(run, 1, false))).ok();
    Path checkpoint = run.resolve(Checkpoint.DIR);
    long params = Files.size(checkpoint.resolve("model.params"));
    Map<String, String> before = snapshot(checkpoint);

    // A file size limit below the parameter file's size (ulimit -f counts KiB) stands for a full
    // disk: writes past it fail with "File too large" (the JVM ignores SIGXFSZ).
    long limit = params / 1024 / 2;
    assertTrue(limit >= 4, "model.params is " + params + " bytes");
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", "ulimit -f " + limit + " && exec \"$@\"", "bash"));
    List<String> java = ChildJvm.command(pytorch(train(run, 2, true)));
    command.add(java.get(0));
    command.add("-XX:-UsePerfData");
    command.addAll(java.subList(1, java.size()));
    Path outputs = dir.resolve("full");
    ChildJvm.Result full = finish(ChildJvm.start(outputs, command), outputs);

    assertEquals(
        "zoo: Cannot write the checkpoint "
            + checkpoint.toAbsolutePath()
            + " (model.params: File too large); the previous checkpoint is intact.",
        userError(full));
    assertEquals(before, snapshot(checkpoint), "the checkpoint of epoch 1, untouched");
    assertEquals(1, Checkpoint.open(run, FAMILY).info().epoch());
    try (Stream<Path> list = Files.list(run)) {
      assertTrue(
          list.noneMatch(p -> p.getFileName().toString().startsWith(".checkpoint-")),
          "no temporary checkpoint is left");
    }
    // With space again, the resume completes.
    Cli.Result resumed = Cli.run(pytorch(train(run, 2, true))).ok();
    assertNotNull(resumed);
    assertEquals(2, Checkpoint.open(run, FAMILY).info().epoch());
  }
}
