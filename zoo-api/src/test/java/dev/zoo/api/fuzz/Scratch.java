package dev.zoo.api.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** An empty folder for each fuzz input, inside the test's temporary folder. */
final class Scratch {
  private Scratch() {}

  /** Deletes what the previous input left in {@code root}/case and returns it, empty. */
  static Path fresh(Path root) {
    Path dir = root.resolve("case");
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} into {@code dir/name}, creating parent folders. */
  static Path write(Path dir, String name, byte[] bytes) {
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
