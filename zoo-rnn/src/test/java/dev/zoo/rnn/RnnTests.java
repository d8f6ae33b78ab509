package dev.zoo.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** Shared settings and helpers of the RNN family's tests. */
final class RnnTests {

  /** A small language model that still learns the embedded corpus within seconds. */
  static final Map<String, String> TINY =
      Map.of(
          "context", "32",
          "embedding", "16",
          "hidden", "64",
          "batch_size", "16",
          "epoch_windows", "320",
          "eval_windows", "64",
          "learning_rate", "0.01",
          "schedule", "constant",
          "dropout", "0.0");

  private RnnTests() {}

  /** The tiny settings with some changed. */
  static Map<String, String> tiny(String... pairs) {
    Map<String, String> all = new LinkedHashMap<>(TINY);
    for (int i = 0; i < pairs.length; i += 2) {
      all.put(pairs[i], pairs[i + 1]);
    }
    return all;
  }

  /** A training request for {@code variant} into {@code out} with {@code overrides}. */
  static TrainRequest request(
      String variant, Path out, Integer epochs, Map<String, String> overrides) {
    return new TrainRequest(variant, out, epochs, null, null, null, false, overrides);
  }

  /** The embedded corpus written as one fortune-format file, so a run can name it with --data. */
  static Path embeddedCorpusFile(Path dir) throws IOException {
    String text =
        Corpus.embedded().records().stream()
            .map(TextRecord::text)
            .collect(Collectors.joining("\n%\n", "", "\n"));
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("embedded"), text, StandardCharsets.UTF_8);
  }

  /** A context on {@code engine} over {@code data} that prints into {@code sink}. */
  static RunContext context(String engine, Path data, ByteArrayOutputStream sink, long seed) {
    PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return RunContext.builder(Zoo.discover())
        .engine(engine)
        .data(data)
        .out(stream)
        .log(stream)
        .seed(seed)
        .build();
  }

  /** Every file under {@code dir} with its size and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            dir.relativize(p).toString(),
            Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  /** Asserts a {@link ZooException} of one sentence on one line holding every fragment. */
  static ZooException assertRefused(Executable action, String... fragments) {
    ZooException e = assertThrows(ZooException.class, action);
    String message = e.getMessage();
    assertNotNull(message);
    assertFalse(message.contains("\n"), () -> "more than one line: " + message);
    assertTrue(message.endsWith("."), () -> "not a sentence: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), () -> "'" + fragment + "' not in: " + message);
    }
    return e;
  }

  /** Asserts that two numbers from JSON-like maps are equal. */
  static void assertSameNumber(Object expected, Object actual) {
    assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), 1e-9);
  }
}
