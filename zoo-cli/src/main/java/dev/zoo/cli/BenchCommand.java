package dev.zoo.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.Zoo;
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
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo bench FAMILY}: runs the family's benchmark once per engine that can train it, each in
 * its own process so that peak memory is the engine's own, then the family's plain-PyTorch peer
 * script from {@code bench/peers/} on the same data, and prints the figures side by side with the
 * ratio to the peer.
 */
@Command(
    name = "bench",
    description =
        "Benchmark a family on every engine that can train it, "
            + "next to the same model in plain PyTorch (bench/peers/FAMILY.py).")
final class BenchCommand implements Runnable {

  private static final String PYTHON = "/usr/bin/python3";

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Mixin TrainOptions options;

  @Option(names = "--worker", hidden = true, description = "Measure one engine in this process.")
  boolean worker;

  @Option(names = "--no-peer", description = "Skip the plain-PyTorch peer.")
  boolean noPeer;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    ModelFamily f = zoo.family(family);
    if (options.epochs == null) {
      options.epochs = 2;
    }
    if (worker) {
      root.print(f.bench(options.request(Path.of("bench-run")), root.context(zoo, options.data)));
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EngineBackend backend : zoo.backends()) {
      String variant = f.variant(options.variant).name();
      boolean fits =
          backend.isAvailable() && backend.declaredOffers().missing(f.needs(variant)).isEmpty();
      boolean wanted = root.global.engine == null || root.global.engine.equals(backend.name());
      if (fits && wanted) {
        root.err.println("== " + backend.name());
        rows.add(runChild(backend.name()));
      }
    }
    if (rows.isEmpty()) {
      throw new ZooException("No engine here can train family " + f.name() + ".");
    }
    Map<String, Object> peer = noPeer ? null : runPeer(f, rows.get(0));
    if (peer != null) {
      rows.add(peer);
    }
    root.print(
        rows.get(0).containsKey("columns")
            ? table(f.name(), rows, peer)
            : report(f.name(), rows, peer));
  }

  private Map<String, Object> runChild(String engine) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("--engine");
    command.add(engine);
    command.add("--seed");
    command.add(Long.toString(root.global.seed));
    command.add("--json");
    command.add("bench");
    command.add(family);
    command.add("--worker");
    command.add("--epochs");
    command.add(options.epochs.toString());
    addIfSet(command, "--variant", options.variant);
    addIfSet(command, "--data", options.data);
    addIfSet(command, "--limit", options.limit);
    addIfSet(command, "--batch-size", options.batchSize);
    addIfSet(command, "--lr", options.learningRate);
    addIfSet(command, "--steps", options.steps);
    return runJson(command, engine);
  }

  private Map<String, Object> runPeer(ModelFamily f, Map<String, Object> measured) {
    Path script = Path.of(System.getProperty("zoo.home", "."), "bench", "peers", f.name() + ".py");
    if (!Files.isRegularFile(script)) {
      root.err.println("No peer script " + script + "; comparing engines only.");
      return null;
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      root.err.println("No " + PYTHON + "; install python3-torch to compare with plain PyTorch.");
      return null;
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
    command.add("--model");
    String variant = f.variant(options.variant).name();
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
            : f.variant(variant).defaults().get("learning_rate"));
    command.add("--threads");
    // As many threads as the engines get: OMP_NUM_THREADS (the launcher sets it), else every core.
    String threads = System.getenv("OMP_NUM_THREADS");
    command.add(
        threads != null && threads.matches("[1-9][0-9]*")
            ? threads
            : Integer.toString(Runtime.getRuntime().availableProcessors()));
    command.add("--seed");
    command.add(Long.toString(root.global.seed));
    addIfSet(command, "--limit", options.limit);
    addIfSet(command, "--steps", options.steps);
    if (options.data != null) {
      command.add("--data");
      command.add(options.data.toString());
    }
    // A family may name further settings of its model; given last, they win over the above.
    if (measured.get("peer_args") instanceof Map<?, ?> extra) {
      extra.forEach((name, value) -> addIfSet(command, "--" + name, plain(value)));
    }
    root.err.println("== plain PyTorch (" + script + ")");
    try {
      return runJson(command, "peer");
    } catch (ZooException e) {
      root.err.println("The peer did not run: " + e.getMessage());
      return null;
    }
  }

  private Map<String, Object> runJson(List<String> command, String what) {
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
      Map<String, Object> map = new com.google.gson.Gson().fromJson(object, LinkedHashMap.class);
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

  private Report report(
      String familyName, List<Map<String, Object>> rows, Map<String, Object> peer) {
    double peerSpeed = peer == null ? Double.NaN : trainSpeed(peer);
    // A family whose quality is not an accuracy names its own per-epoch figure.
    Object qualityName = rows.get(0).getOrDefault("quality_name", "test accuracy");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Benchmark of %s/%s, %s%n",
            familyName,
            rows.get(0).get("model"),
            rows.get(0).containsKey("budget")
                ? rows.get(0).get("budget")
                : options.epochs
                    + " epoch(s)"
                    + (options.limit == null
                        ? ""
                        : ", first " + options.limit + " training images")));
    text.append(
        String.format(
            Locale.ROOT,
            "%-16s %12s %9s %12s %11s %9s  %s%n",
            "runner",
            "train img/s",
            "vs peer",
            "infer img/s",
            "latency ms",
            "peak MB",
            qualityName));
    for (Map<String, Object> row : rows) {
      double speed = trainSpeed(row);
      double ratio = speed / peerSpeed;
      row.put("ratio_to_peer", Double.isFinite(ratio) ? ratio : null);
      if (row.get("summary") != null) {
        // A family that measures other figures than images describes its row itself.
        text.append(
            String.format(
                Locale.ROOT,
                "%-16s %s%s%n",
                row.get("peer"),
                row.get("summary"),
                Double.isFinite(ratio)
                    ? String.format(Locale.ROOT, " (%.2fx the peer)", ratio)
                    : ""));
        continue;
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%-16s %12.0f %9s %12.0f %11.2f %9.0f  %s%n",
              row.get("peer"),
              speed,
              Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-",
              number(row.get("infer_images_per_s_b256")),
              number(row.get("latency_ms_b1_median")),
              number(row.get("peak_rss_mb")),
              accuracies(row.getOrDefault("quality", row.get("test_accuracy")))));
    }
    text.append("Training throughput is the last epoch's; the first epoch includes warm-up.\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", familyName);
    json.put("epochs", options.epochs);
    json.put("limit", options.limit);
    json.put("results", rows);
    return new Report(text.toString(), json);
  }

  /**
   * The report of a family whose rows name their own columns ({@code columns}: header, key, format)
   * and throughput key ({@code speed_key}), next to the peer.
   */
  private Report table(
      String familyName, List<Map<String, Object>> rows, Map<String, Object> peer) {
    Map<String, Object> first = rows.get(0);
    String speedKey = String.valueOf(first.get("speed_key"));
    double peerSpeed = peer == null ? Double.NaN : number(peer.get(speedKey));
    List<?> columns = (List<?>) first.get("columns");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Benchmark of %s/%s, %s steps of batch %s%s%n",
            familyName,
            first.get("model"),
            plain(first.get("steps")),
            plain(first.get("batch_size")),
            options.limit == null ? "" : ", first " + options.limit + " training examples"));
    StringBuilder header =
        new StringBuilder(String.format(Locale.ROOT, "%-16s %9s", "runner", "vs peer"));
    for (Object c : columns) {
      header.append(String.format(Locale.ROOT, " %14s", ((Map<?, ?>) c).get("header")));
    }
    text.append(header).append('\n');
    for (Map<String, Object> row : rows) {
      double ratio = number(row.get(speedKey)) / peerSpeed;
      row.put("ratio_to_peer", Double.isFinite(ratio) ? ratio : null);
      text.append(
          String.format(
              Locale.ROOT,
              "%-16s %9s",
              row.get("peer"),
              Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-"));
      for (Object c : columns) {
        Map<?, ?> column = (Map<?, ?>) c;
        double value = number(row.get(String.valueOf(column.get("key"))));
        text.append(
            String.format(
                Locale.ROOT,
                " %14s",
                Double.isFinite(value)
                    ? String.format(Locale.ROOT, String.valueOf(column.get("format")), value)
                    : "-"));
      }
      text.append('\n');
    }
    text.append("Training throughput is over the second half of the steps, after warm-up.\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", familyName);
    json.put("steps", first.get("steps"));
    json.put("limit", options.limit);
    json.put("results", rows);
    return new Report(text.toString(), json);
  }

  /** A JSON number as the command line writes it: whole numbers without a fraction. */
  private static Object plain(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    return value;
  }

  /** Training throughput: {@code train_per_s} in the row's own unit, else images/s. */
  private static double trainSpeed(Map<String, Object> row) {
    return number(
        row.containsKey("train_per_s") ? row.get("train_per_s") : row.get("train_images_per_s"));
  }

  private static String accuracies(Object value) {
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(String.format(Locale.ROOT, "%.4f", number(o)));
      }
      return String.join(" / ", parts);
    }
    return String.valueOf(value);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
