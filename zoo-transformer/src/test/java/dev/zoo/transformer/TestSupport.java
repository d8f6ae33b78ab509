package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.RunContext;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** Small models, data and checks shared by the transformer family's tests. */
final class TestSupport {

  /** A transformer small enough to train in seconds. */
  static final Map<String, String> TINY =
      Map.of(
          "layers", "2",
          "heads", "2",
          "d_model", "64",
          "d_ff", "192",
          "context", "48",
          "batch_size", "32",
          "warmup_steps", "10",
          "learning_rate", "0.003",
          "dropout", "0.0");

  private TestSupport() {}

  /** Writes the embedded corpus as one fortune-format file per topic into {@code dir}. */
  static Path writeEmbeddedCorpus(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> byTopic =
        Corpus.embedded().records().stream()
            .collect(
                Collectors.groupingBy(
                    TextRecord::label,
                    TreeMap::new,
                    Collectors.mapping(TextRecord::text, Collectors.joining("\n%\n"))));
    for (Map.Entry<String, String> e : byTopic.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue() + "\n%\n", StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** A context on {@code engine} over {@code data} that prints into {@code sink}. */
  static RunContext context(String engine, Path data, ByteArrayOutputStream sink) {
    PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return RunContext.builder(Zoo.discover())
        .engine(engine)
        .data(data)
        .out(stream)
        .log(stream)
        .seed(7)
        .build();
  }

  /** Every file below {@code dir} with its size and modification time. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString(),
            Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  /** Copies the directory tree {@code from} to {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** Asserts a {@link ZooException} of one sentence holding each fragment. */
  static ZooException assertRefused(Executable action, String... fragments) {
    ZooException e = assertThrows(ZooException.class, action);
    String m = e.getMessage();
    assertFalse(m.contains("\n"), "more than one line: " + m);
    assertTrue(m.endsWith("."), "not a sentence: " + m);
    for (String f : fragments) {
      assertTrue(m.contains(f), "'" + f + "' missing from: " + m);
    }
    return e;
  }
}
