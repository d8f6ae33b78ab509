package dev.zoo.tabular;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** Shared data and helpers of the tabular family's tests. */
final class TestData {

  /** Where Debian's python3-sklearn keeps scikit-learn's bundled data sets. */
  static final Path SKLEARN = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

  private TestData() {}

  /**
   * One of scikit-learn's bundled CSV files ({@code breast_cancer.csv}, {@code wine_data.csv}) as a
   * CSV with a header: the first line's counts and class names become the header {@code x1, ...,
   * xN, class} and each class index its name, as the README's {@code awk} line does.
   */
  static Path sklearn(String name, Path dir) throws IOException {
    Path file = SKLEARN.resolve(name);
    Assertions.assertTrue(
        Files.isRegularFile(file), file + " is missing: apt-get install python3-sklearn");
    List<String> lines = Files.readAllLines(file);
    String[] first = lines.get(0).split(",");
    List<String> out = new ArrayList<>();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= Integer.parseInt(first[1]); i++) {
      header.append('x').append(i).append(',');
    }
    out.add(header + "class");
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.lastIndexOf(',');
      String label = line.substring(comma + 1).trim();
      out.add(line.substring(0, comma + 1) + first[2 + Integer.parseInt(label)]);
    }
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), out);
  }

  /** A run context on {@code engine} with {@code data}, printing into {@code log}. */
  static RunContext context(String engine, Path data, ByteArrayOutputStream log) {
    PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
    return RunContext.builder(Zoo.discover())
        .engine(engine)
        .data(data)
        .out(stream)
        .log(stream)
        .build();
  }

  /** A fresh run of {@code epochs} into {@code out}, with more settings by name. */
  static TrainRequest request(Path out, int epochs, Map<String, String> settings) {
    return new TrainRequest(null, out, epochs, null, null, null, false, settings);
  }

  /** Trains the family on {@code data} (null: the embedded table) with PyTorch. */
  static Report train(TrainRequest request, Path data) {
    return new TabularFamily()
        .train(request, context("pytorch", data, new ByteArrayOutputStream()));
  }

  /** Every file under {@code dir} with its SHA-256 and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
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

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asserts that {@code action} throws a {@link ZooException} whose message is one sentence on one
   * line containing every fragment.
   */
  static ZooException assertZooError(Executable action, String... fragments) {
    ZooException e = Assertions.assertThrows(ZooException.class, action);
    String message = e.getMessage();
    Assertions.assertNotNull(message);
    Assertions.assertFalse(message.contains("\n"), () -> "multi-line message: " + message);
    Assertions.assertTrue(message.endsWith("."), () -> "not a sentence: " + message);
    for (String fragment : fragments) {
      Assertions.assertTrue(
          message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
    }
    return e;
  }
}
