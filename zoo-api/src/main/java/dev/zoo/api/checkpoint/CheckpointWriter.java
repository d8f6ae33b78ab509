package dev.zoo.api.checkpoint;

import ai.djl.nn.Block;
import dev.zoo.api.common.CheckpointException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a checkpoint so that a crash at any moment leaves a complete one behind: files go into a
 * fresh temporary directory, are flushed to disk, and only then replace the previous checkpoint by
 * renames. Between the two renames the previous checkpoint waits as a hidden sibling ({@code
 * .checkpoint-previous}), which {@link Checkpoint#locate} still finds.
 */
public final class CheckpointWriter implements AutoCloseable {

  /** A piece of content written into one file. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content. */
    void write(DataOutputStream out) throws IOException;
  }

  private final Path target;
  private final Path tmp;
  private final Map<String, String> files = new LinkedHashMap<>();
  private boolean committed;

  private CheckpointWriter(Path target, Path tmp) {
    this.target = target;
    this.tmp = tmp;
  }

  /** Starts a checkpoint that will become the directory {@code target}. */
  public static CheckpointWriter begin(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new CheckpointException("Cannot save a checkpoint as " + target + ": it is a file.");
    }
    try {
      Files.createDirectories(absolute.getParent());
      return new CheckpointWriter(
          absolute,
          Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + "-tmp"));
    } catch (IOException e) {
      throw new CheckpointException(
          "Cannot write a checkpoint into " + absolute.getParent() + ": " + e.getMessage() + ".",
          e);
    }
  }

  /** Where the previous checkpoint waits while {@code target} is replaced. */
  static Path previous(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    return absolute.resolveSibling("." + absolute.getFileName() + "-previous");
  }

  /** Saves the parameters of {@code network} into its file. */
  public CheckpointWriter putParameters(Network network) {
    return putParameters(network.parametersFile(), network.block());
  }

  /** Saves the parameters of {@code block} as {@code name}. */
  public CheckpointWriter putParameters(String name, Block block) {
    return put(name, block::saveParameters);
  }

  /** Writes one file. */
  public CheckpointWriter put(String name, Content content) {
    Path file = tmp.resolve(name);
    try (OutputStream os = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
      content.write(out);
    } catch (IOException e) {
      throw new CheckpointException("Cannot write " + file + ": " + e.getMessage() + ".", e);
    }
    files.put(name, Checkpoint.sha256(file));
    return this;
  }

  /** Writes {@code model.json} and replaces the run's checkpoint with this one. */
  public Path commit(CheckpointInfo info) {
    CheckpointInfo complete = info.withFiles(files, Instant.now().toString());
    Path previous = previous(target);
    try {
      Files.writeString(
          tmp.resolve(Checkpoint.INFO_FILE),
          Checkpoint.GSON.toJson(complete),
          StandardCharsets.UTF_8);
      syncAll(tmp);
      if (Files.exists(target)) {
        // Only now is an older hidden copy, left by a crash, no longer the sole checkpoint.
        deleteTree(previous);
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      deleteTree(previous);
      return target;
    } catch (IOException e) {
      throw new CheckpointException(
          "Cannot write the checkpoint " + target + ": " + e.getMessage() + ".", e);
    }
  }

  /** Removes the temporary directory of an uncommitted checkpoint. */
  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(tmp);
      } catch (IOException e) {
        // A leftover temporary directory does no harm: checkpoints never read it.
      }
    }
  }

  private static void syncAll(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
