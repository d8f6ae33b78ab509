package dev.zoo.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.ZooException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  @TempDir Path run;

  static CheckpointInfo info(String family, int epoch) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_loss", 0.5);
    metrics.put("test_accuracy", Double.NaN);
    return new CheckpointInfo(
        Checkpoint.FORMAT,
        family,
        "simple",
        Map.of("epochs", "3", "learning_rate", "0.01"),
        List.of(1, 28, 28),
        List.of("cat", "dog"),
        "pytorch",
        "2.7.1",
        "0.35.1",
        "pytorch on cpu, as requested",
        epoch,
        42,
        metrics,
        Map.of("note", "hello"),
        null,
        null,
        null);
  }

  private Path writeCheckpoint(int epoch, byte[] weights, String notes) {
    try (CheckpointWriter writer = CheckpointWriter.begin(run.resolve(Checkpoint.DIR))) {
      writer.put("weights.bin", out -> out.write(weights));
      if (notes != null) {
        writer.put("notes.txt", out -> out.write(notes.getBytes(StandardCharsets.UTF_8)));
      }
      return writer.commit(info("cnn", epoch));
    }
  }

  private static byte[] read(Checkpoint cp, String name) throws IOException {
    try (DataInputStream in = cp.open(name)) {
      return in.readAllBytes();
    }
  }

  private Set<String> runDirEntries() throws IOException {
    try (Stream<Path> list = Files.list(run)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static Set<String> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void writesAndOpensAVerifiedCheckpoint() throws IOException {
    Path dir = writeCheckpoint(2, new byte[] {1, 2, 3, 4}, "first");

    assertEquals(run.resolve(Checkpoint.DIR).toAbsolutePath().normalize(), dir);
    Checkpoint cp = Checkpoint.open(run, "cnn");
    CheckpointInfo info = cp.info();
    assertEquals(dir, cp.dir().toAbsolutePath().normalize());
    assertEquals(Checkpoint.FORMAT, info.format());
    assertEquals("cnn", info.family());
    assertEquals("simple", info.variant());
    assertEquals(2, info.epoch());
    assertEquals(42, info.seed());
    assertEquals(List.of(1, 28, 28), info.inputShape());
    assertEquals(List.of("cat", "dog"), info.labels());
    assertEquals("0.01", info.hyperparameters().get("learning_rate"));
    assertEquals(0.5, info.metrics().get("train_loss"));
    assertTrue(info.metrics().get("test_accuracy").isNaN(), "NaN survives the round trip");
    assertEquals("hello", info.extra().get("note"));
    assertEquals(Set.of("weights.bin", "notes.txt"), info.files().keySet());
    assertEquals(64, info.files().get("weights.bin").length(), "a hex SHA-256");
    assertTrue(info.created() != null && !info.created().isEmpty());
    assertTrue(cp.has("notes.txt"));
    assertFalse(cp.has("model.json"));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, read(cp, "weights.bin"));
    assertEquals("first", new String(read(cp, "notes.txt"), StandardCharsets.UTF_8));
    assertThrows(ZooException.class, () -> cp.open("other.bin"));
    // Any family is accepted with null, and the checkpoint directory works as well as the run.
    assertEquals(dir, Checkpoint.open(dir, null).dir().toAbsolutePath().normalize());
    assertEquals(Set.of(Checkpoint.DIR), runDirEntries(), "no temporary directory is left");
  }

  @Test
  void aFlippedByteIsReportedAsCorruption() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {10, 20, 30}, "notes");
    Path weights = dir.resolve("weights.bin");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[1] ^= 1;
    Files.write(weights, bytes);

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("is corrupted"), e.getMessage());
    assertTrue(e.getMessage().contains("checksum of weights.bin"), e.getMessage());
  }

  @Test
  void aMissingFileMakesItIncomplete() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {10, 20, 30}, "notes");
    Files.delete(dir.resolve("notes.txt"));

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("is incomplete: notes.txt is missing"), e.getMessage());
  }

  @Test
  void aMissingDirectoryDoesNotExist() {
    Path missing = run.resolve("nowhere");

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(missing, "cnn"));

    assertEquals("Checkpoint " + missing + " does not exist.", e.getMessage());
  }

  @Test
  void anotherFamilyIsRefusedNamingBoth() {
    writeCheckpoint(1, new byte[] {1}, null);

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "gan"));

    assertTrue(e.getMessage().contains("holds a cnn model (simple)"), e.getMessage());
    assertTrue(e.getMessage().contains("not a gan model"), e.getMessage());
  }

  @Test
  void aDirectoryWithoutModelJsonIsNoCheckpoint() throws IOException {
    Files.writeString(run.resolve("readme.txt"), "just a folder");

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().startsWith("No checkpoint in " + run), e.getMessage());
    assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    assertNull(Checkpoint.locate(run));
    assertFalse(Checkpoint.exists(run));
  }

  @Test
  void garbageModelJsonIsCorrupted() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {1}, null);
    Files.writeString(dir.resolve("model.json"), "{\"format\": \"zoo-checkpoint/1\", \"epoch\": ");

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("is corrupted"), e.getMessage());
    assertTrue(e.getMessage().contains("model.json cannot be read"), e.getMessage());
  }

  @Test
  void foreignJsonIsNotAZooCheckpoint() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {1}, null);
    Files.writeString(dir.resolve("model.json"), "{\"format\": \"keras\"}");

    ZooException e = assertThrows(ZooException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("is not a zoo checkpoint"), e.getMessage());
  }

  /** Rewrites model.json with {@code from} replaced by {@code to}. */
  private static void editModelJson(Path dir, String from, String to) throws IOException {
    Path json = dir.resolve("model.json");
    String text = Files.readString(json);
    assertTrue(text.contains(from), text);
    Files.writeString(json, text.replace(from, to));
  }

  @Test
  void fileNamesThatLeadOutsideTheCheckpointAreRefused() throws IOException {
    Path secret = Files.writeString(run.resolve("secret.txt"), "not yours");
    for (String name : new String[] {"../secret.txt", secret.toAbsolutePath().toString(), ".."}) {
      Path dir = writeCheckpoint(1, new byte[] {1}, null);
      editModelJson(dir, "\"weights.bin\"", "\"" + name.replace("\\", "\\\\") + "\"");

      CheckpointException e =
          assertThrows(CheckpointException.class, () -> Checkpoint.open(run, "cnn"));

      assertTrue(e.getMessage().contains("not a file name inside the checkpoint"), e.getMessage());
    }
  }

  @Test
  void aSymbolicLinkInsteadOfAFileIsRefused() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {1, 2}, null);
    Path elsewhere = Files.write(run.resolve("elsewhere.bin"), new byte[] {1, 2});
    Files.delete(dir.resolve("weights.bin"));
    Files.createSymbolicLink(dir.resolve("weights.bin"), elsewhere);

    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("weights.bin is not a regular file"), e.getMessage());
  }

  @Test
  void aGitLfsPointerIsNamedAsSuch() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {1, 2}, null);
    Files.writeString(
        dir.resolve("weights.bin"),
        "version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 42\n");

    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("weights.bin is a Git LFS pointer"), e.getMessage());
    assertTrue(e.getMessage().contains("git lfs pull"), e.getMessage());
  }

  @Test
  void aNewerFormatSaysSo() throws IOException {
    Path dir = writeCheckpoint(1, new byte[] {1}, null);
    editModelJson(dir, "zoo-checkpoint/1", "zoo-checkpoint/2");

    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.open(run, "cnn"));

    assertTrue(e.getMessage().contains("written by a newer version of the zoo"), e.getMessage());
  }

  @Test
  void aSecondCommitReplacesTheFirstCompletely() throws IOException {
    writeCheckpoint(1, new byte[] {1, 1, 1}, "old notes");

    Path dir = writeCheckpoint(2, new byte[] {2, 2}, null);

    assertEquals(Set.of(Checkpoint.DIR), runDirEntries(), "no temporary or previous directory");
    assertEquals(Set.of("weights.bin", "model.json"), entries(dir), "no file of the old one");
    Checkpoint cp = Checkpoint.open(run, "cnn");
    assertEquals(2, cp.info().epoch());
    assertEquals(Set.of("weights.bin"), cp.info().files().keySet());
    assertArrayEquals(new byte[] {2, 2}, read(cp, "weights.bin"));
  }

  @Test
  void anUncommittedWriterLeavesTheOldCheckpoint() throws IOException {
    writeCheckpoint(1, new byte[] {7, 7}, "kept");

    try (CheckpointWriter writer = CheckpointWriter.begin(run.resolve(Checkpoint.DIR))) {
      writer.put("weights.bin", out -> out.write(new byte[] {9}));
      assertEquals(2, runDirEntries().size(), "the new checkpoint is written beside the old");
      // Closed without commit, as after an exception.
    }

    assertEquals(Set.of(Checkpoint.DIR), runDirEntries());
    Checkpoint cp = Checkpoint.open(run, "cnn");
    assertEquals(1, cp.info().epoch());
    assertArrayEquals(new byte[] {7, 7}, read(cp, "weights.bin"));
  }

  @Test
  void aWriteErrorIsAZooException() {
    try (CheckpointWriter writer = CheckpointWriter.begin(run.resolve(Checkpoint.DIR))) {
      ZooException e =
          assertThrows(
              ZooException.class,
              () ->
                  writer.put(
                      "weights.bin",
                      out -> {
                        throw new IOException("disk full");
                      }));
      assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }
  }

  @Test
  void aFileCannotBecomeACheckpoint() throws IOException {
    Path file = Files.writeString(run.resolve(Checkpoint.DIR), "a file");

    ZooException e = assertThrows(ZooException.class, () -> CheckpointWriter.begin(file));

    assertTrue(e.getMessage().contains("it is a file"), e.getMessage());
  }

  @Test
  void locateFindsTheCheckpointFromTheRunOrItsOwnDirectory() {
    Path dir = writeCheckpoint(1, new byte[] {1}, null);

    assertEquals(dir, Checkpoint.locate(run).toAbsolutePath().normalize());
    assertEquals(dir, Checkpoint.locate(dir).toAbsolutePath().normalize());
    assertTrue(Checkpoint.exists(run));
  }

  @Test
  void locateFindsThePreviousCheckpointAfterACrashBetweenTheRenames() throws IOException {
    Path dir = writeCheckpoint(3, new byte[] {3, 3, 3}, "before the crash");
    // A crash after the old checkpoint was moved aside and before the new one took its place.
    Path previous = run.resolve(".checkpoint-previous");
    Files.move(dir, previous);

    assertEquals(
        previous.toAbsolutePath().normalize(), Checkpoint.locate(run).toAbsolutePath().normalize());
    assertEquals(
        previous.toAbsolutePath().normalize(),
        Checkpoint.locate(run.resolve(Checkpoint.DIR)).toAbsolutePath().normalize());
    assertTrue(Checkpoint.exists(run));
    Checkpoint cp = Checkpoint.open(run, "cnn");
    assertEquals(3, cp.info().epoch());
    assertArrayEquals(new byte[] {3, 3, 3}, read(cp, "weights.bin"));
  }

  @Test
  void aCommitAfterACrashReplacesTheLeftover() throws IOException {
    Path dir = writeCheckpoint(3, new byte[] {3}, null);
    Files.move(dir, run.resolve(".checkpoint-previous"));

    writeCheckpoint(4, new byte[] {4}, null);

    assertEquals(Set.of(Checkpoint.DIR), runDirEntries());
    assertEquals(4, Checkpoint.open(run, "cnn").info().epoch());
  }
}
