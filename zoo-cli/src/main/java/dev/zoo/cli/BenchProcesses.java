package dev.zoo.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineBackend;
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
import java.util.function.Consumer;

/**
 * The processes of {@code zoo bench}: one {@code zoo bench FAMILY --worker} per engine that can
 * train the family's variant (each in its own process, so that peak memory is the engine's own),
 * and the family's plain-PyTorch peer script, each printing its figures as one JSON object.
 */
final class BenchProcesses {

  private static final String PYTHON = "/usr/bin/python3";

  private final Session session;
  private final ModelFamily family;
  private final TrainOptions options;
  private final List<String> peerProblems = new ArrayList<>();

  BenchProcesses(Session session, ModelFamily family, TrainOptions options) {
    this.session = session;
    this.family = family;
    this.options = options;
  }

  /**
   * The rows of every engine that can train the variant (only the one {@code --engine} names, if
   * any) and, with {@code withPeer}, of the peer, each with its {@code family}. A runner that fails
   * goes to {@code failed}, which may throw or note it and let the others run.
   *
   * @param extra the family's own options, as arguments
   * @throws EngineException when no engine here can train the variant
   */
  List<Map<String, Object>> measure(
      List<String> extra, boolean withPeer, Consumer<ZooException> failed) {
    String variant = family.variant(options.variant).name();
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean any = false;
    for (EngineBackend backend : session.zoo.backends()) {
      boolean fits =
          backend.isAvailable()
              && backend.declaredOffers().missing(family.needs(variant)).isEmpty();
      String wanted = session.global.engine;
      if (fits && (wanted == null || wanted.equals(backend.name()))) {
        any = true;
        session.err.println("== " + family.name() + " on " + backend.name());
        try {
          rows.add(engine(backend.name(), extra));
        } catch (ZooException e) {
          failed.accept(e);
        }
      }
    }
    if (!any) {
      throw new EngineException("No engine here can train family " + family.name() + ".");
    }
    Map<String, Object> peer = withPeer && !rows.isEmpty() ? peer(variant, rows.get(0)) : null;
    if (peer != null) {
      rows.add(peer);
    }
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new LinkedHashMap<>();
      copy.put("family", family.name());
      copy.putAll(row);
      row.clear();
      row.putAll(copy);
    }
    return rows;
  }

  /** Measures {@code engine} in a worker process; {@code extra} are the family's options. */
  Map<String, Object> engine(String engine, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("bench", family.name(), "--worker"));
    addIfSet(args, "--epochs", options.epochs);
    addIfSet(args, "--variant", options.variant);
    addIfSet(args, "--data", options.data);
    addIfSet(args, "--limit", options.limit);
    addIfSet(args, "--batch-size", options.batchSize);
    addIfSet(args, "--lr", options.learningRate);
    addIfSet(args, "--steps", options.steps);
    options.overrides.forEach((name, value) -> addIfSet(args, "--set", name + "=" + value));
    args.addAll(extra);
    return runJson(zoo(session, engine, args), family.name() + " benchmark on " + engine);
  }

  /**
   * The command line of a {@code zoo} process on {@code engine} in a new JVM with this one's class
   * path, seed and plugins, printing JSON: {@code args} are its command and options.
   */
  static List<String> zoo(Session session, String engine, List<String> args) {
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
    command.addAll(args);
    return command;
  }

  /**
   * Runs the peer script with the settings the zoo used ({@code measured}: the first engine's
   * figures), or returns null with a note when it cannot run.
   */
  Map<String, Object> peer(String variant, Map<String, Object> measured) {
    Path script =
        Path.of(System.getProperty("zoo.home", "."), "bench", "peers", family.name() + ".py");
    if (!Files.isRegularFile(script)) {
      return noPeer("No peer script " + script + "; comparing engines only.");
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return noPeer("No " + PYTHON + "; install python3-torch to compare with plain PyTorch.");
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
    command.add("--model");
    command.add(variant);
    // As many epochs as the zoo trained (its default when none was asked for).
    Object epochs = measured.get("epochs");
    addIfSet(command, "--epochs", epochs != null ? BenchReport.plain(epochs) : options.epochs);
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
      return runJson(command, family.name() + " peer");
    } catch (ZooException e) {
      return noPeer("The peer did not run: " + e.getMessage());
    }
  }

  /** Why the peer did not run, one sentence each (none when it ran or was not asked for). */
  List<String> peerProblems() {
    return List.copyOf(peerProblems);
  }

  private Map<String, Object> noPeer(String sentence) {
    session.err.println(sentence);
    peerProblems.add(family.name() + ": " + sentence);
    return null;
  }

  /**
   * Runs {@code command}, its standard error passed through, and reads the last line of its output
   * that is a JSON object.
   *
   * @throws ZooException when it fails or prints no JSON; {@code what} names it in the message
   */
  static Map<String, Object> runJson(List<String> command, String what) {
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
        throw new ZooException("The " + what + " failed with exit status " + status + ".");
      }
      String json = last != null ? last : out.toString().trim();
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      @SuppressWarnings("unchecked")
      Map<String, Object> map = new Gson().fromJson(object, LinkedHashMap.class);
      return map;
    } catch (IOException e) {
      throw new ZooException("Cannot run the " + what + ": " + e.getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ZooException("The " + what + " was interrupted.", e);
    } catch (RuntimeException e) {
      if (e instanceof ZooException) {
        throw e;
      }
      throw new ZooException("The " + what + " printed no JSON result.", e);
    }
  }

  private static void addIfSet(List<String> command, String option, Object value) {
    if (value != null) {
      command.add(option);
      command.add(value.toString());
    }
  }
}
