package dev.zoo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code zoo} command in a new JVM that logs every class it loads, to tell whether a
 * command loaded an engine (and with it the engine's native library); or starts one to be killed.
 */
final class ChildJvm {

  /** DJL's engine classes; each loads its native library when it is created. */
  private static final Pattern ENGINE =
      Pattern.compile(
          "\\b(ai\\.djl\\.(pytorch|mxnet|tensorflow|onnxruntime)\\.engine\\.(Pt|Mx|Tf|Ort)Engine)\\b");

  /** What the command did and which engine classes it loaded. */
  record Result(int code, String out, String err, Set<String> engines) {
    @Override
    public String toString() {
      return "exit "
          + code
          + ", engines "
          + engines
          + "\n--- stdout ---\n"
          + out
          + "\n--- stderr ---\n"
          + err;
    }
  }

  private ChildJvm() {}

  /** The command line of a new JVM that runs {@code zoo args} on this JVM's class path. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts {@code command} without waiting for it, its standard output and error going to {@code
   * out.txt} and {@code err.txt} in {@code dir}.
   */
  static Process start(Path dir, List<String> command) throws IOException {
    Files.createDirectories(dir);
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .start();
  }

  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, Map.of(), args);
  }

  /** Runs {@code zoo args} with {@code env} added to this process's environment. */
  static Result run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path classes = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xlog:class+load=info:file=" + classes);
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("zoo " + String.join(" ", args) + " did not finish");
    }
    Set<String> engines = new TreeSet<>();
    for (String line : Files.readAllLines(classes, StandardCharsets.UTF_8)) {
      Matcher m = ENGINE.matcher(line);
      if (m.find()) {
        engines.add(m.group(1));
      }
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        engines);
  }
}
