package dev.zoo.api.bench;

import dev.zoo.api.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a benchmark's throw-away run, deleted with everything in it on {@link
 * #close()}.
 */
public final class ScratchDirectory implements AutoCloseable {

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  /** Creates a new directory under the system's temporary folder. */
  public static ScratchDirectory create() {
    try {
      return new ScratchDirectory(Files.createTempDirectory("zoo-bench"));
    } catch (IOException e) {
      throw new ZooException("Cannot create a scratch directory: " + e.getMessage() + ".", e);
    }
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** Deletes the directory and its contents. */
  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover directory under the system's temporary folder does no harm.
    }
  }
}
