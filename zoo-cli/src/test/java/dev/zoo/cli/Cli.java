package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the {@code zoo} command in this JVM and captures what it prints. */
final class Cli {

  /** What one command did. */
  record Result(int code, String out, String err) {

    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }

    /** Exit 0. */
    Result ok() {
      assertEquals(0, code, this::toString);
      return this;
    }

    /**
     * A user error: exit status 2 and exactly one line on standard error, {@code zoo: } and a
     * sentence, with no stack trace.
     */
    String userError(String... fragments) {
      assertEquals(2, code, this::toString);
      List<String> lines = errLines();
      assertEquals(1, lines.size(), this::toString);
      String line = lines.get(0);
      assertTrue(line.startsWith("zoo: "), this::toString);
      assertFalse(err.contains("\tat "), this::toString);
      assertFalse(line.contains("Exception"), this::toString);
      assertFalse(line.contains("internal error"), this::toString);
      for (String fragment : fragments) {
        assertTrue(line.contains(fragment), () -> "'" + fragment + "' missing:\n" + this);
      }
      return line;
    }

    /**
     * A user error found after progress lines were printed: exit status 2, no stack trace, and the
     * last line of standard error, and only that one, is {@code zoo: } and a sentence.
     */
    String userErrorAfterProgress(String... fragments) {
      assertEquals(2, code, this::toString);
      List<String> lines = errLines();
      assertFalse(lines.isEmpty(), this::toString);
      String line = lines.get(lines.size() - 1);
      assertTrue(line.startsWith("zoo: "), this::toString);
      assertEquals(1, lines.stream().filter(l -> l.startsWith("zoo: ")).count(), this::toString);
      assertFalse(err.contains("\tat "), this::toString);
      assertFalse(line.contains("internal error"), this::toString);
      for (String fragment : fragments) {
        assertTrue(line.contains(fragment), () -> "'" + fragment + "' missing:\n" + this);
      }
      return line;
    }
  }

  private Cli() {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
