package dev.zoo.api.bench;

import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder under the system's temporary directory for a benchmark's runs, deleted on close. */
public final class ScratchFolder implements AutoCloseable {

  private final Path path;

  private ScratchFolder(Path path) {
    this.path = path;
  }

  /**
   * Creates a new, empty folder whose name starts with {@code prefix}.
   *
   * @throws ZooException when it cannot be created
   */
  public static ScratchFolder create(String prefix) {
    try {
      return new ScratchFolder(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new ZooException("Cannot create a scratch directory: " + e.getMessage() + ".", e);
    }
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /** Deletes the folder and everything in it, as far as it can. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(ScratchFolder::delete);
    } catch (IOException | UncheckedIOException e) {
      // A leftover folder under the temporary directory does no harm.
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
