package dev.zoo.api.checkpoint;

import ai.djl.nn.Block;
import dev.zoo.api.common.CheckpointException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * .checkpoint-previous}), which {@link Checkpoint#locate} still finds. When a write fails (a full
 * disk, a file size limit), the temporary directory is removed, the previous checkpoint is left as
 * it was, and the {@link CheckpointException} says so in one sentence.
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
      throw failed(absolute, reason(e), e);
    }
  }

  /**
   * Removes the temporary directories that writers of {@code target} left unfinished, e.g. when
   * their process was killed. Only for the run that holds the run directory's lock: another live
   * writer's temporary directory would go too.
   *
   * @throws CheckpointException when one cannot be removed
   */
  public static void removeUnfinished(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    String prefix = "." + absolute.getFileName() + "-tmp";
    if (!Files.isDirectory(absolute.getParent())) {
      return;
    }
    try (Stream<Path> siblings = Files.list(absolute.getParent())) {
      for (Path p : (Iterable<Path>) siblings::iterator) {
        if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "Cannot remove an unfinished checkpoint beside " + target + ": " + e.getMessage() + ".",
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
      throw failed(target, name + ": " + reason(e), e);
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
      syncDirectory(target.getParent());
      deleteTree(previous);
      return target;
    } catch (IOException e) {
      throw failed(target, reason(e), e);
    }
  }

  /** The one sentence of a failed write, which says what became of the previous checkpoint. */
  private static CheckpointException failed(Path target, String problem, IOException e) {
    boolean kept =
        Files.isRegularFile(target.resolve(Checkpoint.INFO_FILE))
            || Files.isRegularFile(previous(target).resolve(Checkpoint.INFO_FILE));
    return new CheckpointException(
        "Cannot write the checkpoint "
            + target
            + " ("
            + problem
            + (kept ? "); the previous checkpoint is intact." : "); there is no checkpoint yet."),
        e);
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

  /** What went wrong, without the paths a file system exception repeats. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }

  /** Makes the renames in {@code dir} durable where the file system allows it. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some systems cannot open a directory; the renames are atomic all the same.
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
