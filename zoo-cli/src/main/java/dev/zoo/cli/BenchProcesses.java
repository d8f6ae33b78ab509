package dev.zoo.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.ZooException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of {@code zoo bench}: one {@code zoo bench FAMILY --worker} per engine, and the
 * family's plain-PyTorch peer script, each printing its figures as one JSON object.
 */
final class BenchProcesses {

  private static final String PYTHON = "/usr/bin/python3";

  private final Session session;
  private final ModelFamily family;
  private final TrainOptions options;

  BenchProcesses(Session session, ModelFamily family, TrainOptions options) {
    this.session = session;
    this.family = family;
    this.options = options;
  }

  /** Measures {@code engine} in a worker process; {@code extra} are the family's options. */
  Map<String, Object> engine(String engine, List<String> extra) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("--engine");
    command.add(engine);
    command.add("--seed");
    command.add(Long.toString(session.global.seed));
    addIfSet(command, "--plugins", session.global.plugins);
    command.add("--json");
    command.add("bench");
    command.add(family.name());
    command.add("--worker");
    command.add("--epochs");
    command.add(options.epochs.toString());
    addIfSet(command, "--variant", options.variant);
    addIfSet(command, "--data", options.data);
    addIfSet(command, "--limit", options.limit);
    addIfSet(command, "--batch-size", options.batchSize);
    addIfSet(command, "--lr", options.learningRate);
    addIfSet(command, "--steps", options.steps);
    options.overrides.forEach((name, value) -> addIfSet(command, "--set", name + "=" + value));
    command.addAll(extra);
    return runJson(command, engine);
  }

  /**
   * Runs the peer script with the settings the zoo used ({@code measured}: the first engine's
   * figures), or returns null with a note when it cannot run.
   */
  Map<String, Object> peer(String variant, Map<String, Object> measured) {
    Path script =
        Path.of(System.getProperty("zoo.home", "."), "bench", "peers", family.name() + ".py");
    if (!Files.isRegularFile(script)) {
      session.err.println("No peer script " + script + "; comparing engines only.");
      return null;
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      session.err.println(
          "No " + PYTHON + "; install python3-torch to compare with plain PyTorch.");
      return null;
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
    command.add("--model");
    command.add(variant);
    command.add("--epochs");
    command.add(options.epochs.toString());
    // The peer trains with exactly the batch size and learning rate the zoo used.
    command.add("--batch-size");
    command.add(String.valueOf(((Number) measured.get("batch_size")).intValue()));
    command.add("--lr");
    command.add(
        options.learningRate != null
            ? options.learningRate.toString()
            : family.variant(variant).defaults().get("learning_rate"));
    command.add("--threads");
    // As many threads as the engines get: OMP_NUM_THREADS (the launcher sets it), else every core.
    String threads = System.getenv("OMP_NUM_THREADS");
    command.add(
        threads != null && threads.matches("[1-9][0-9]*")
            ? threads
            : Integer.toString(Runtime.getRuntime().availableProcessors()));
    command.add("--seed");
    command.add(Long.toString(session.global.seed));
    addIfSet(command, "--limit", options.limit);
    addIfSet(command, "--steps", options.steps);
    addIfSet(command, "--data", options.data);
    // A family may name further settings of its model; given last, they win over the above.
    if (measured.get("peer_args") instanceof Map<?, ?> extra) {
      extra.forEach((name, value) -> addIfSet(command, "--" + name, BenchReport.plain(value)));
    }
    session.err.println("== plain PyTorch (" + script + ")");
    try {
      return runJson(command, "peer");
    } catch (ZooException e) {
      session.err.println("The peer did not run: " + e.getMessage());
      return null;
    }
  }

  private static Map<String, Object> runJson(List<String> command, String what) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = builder.start();
      StringBuilder out = new StringBuilder();
      String last = null;
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          out.append(line).append('\n');
          if (line.startsWith("{") && line.endsWith("}")) {
            last = line;
          }
        }
      }
      int status = process.waitFor();
      if (status != 0) {
        throw new ZooException(
            "The " + what + " benchmark failed with exit status " + status + ".");
      }
      String json = last != null ? last : out.toString().trim();
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      @SuppressWarnings("unchecked")
      Map<String, Object> map = new Gson().fromJson(object, LinkedHashMap.class);
      return map;
    } catch (IOException e) {
      throw new ZooException("Cannot run the " + what + " benchmark: " + e.getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZooException("The " + what + " benchmark was interrupted.", e);
    } catch (RuntimeException e) {
      if (e instanceof ZooException) {
        throw e;
      }
      throw new ZooException("The " + what + " benchmark printed no JSON result.", e);
    }
  }

  private static void addIfSet(List<String> command, String option, Object value) {
    if (value != null) {
      command.add(option);
      command.add(value.toString());
    }
  }
}
