package dev.zoo.cli;

import dev.zoo.api.Report;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.engine.EngineSpeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code zoo bench} prints and writes: the machine, date, versions and command, the {@link
 * BenchTable} of every runner, the budgets, each row's further figures and the runners that failed;
 * as text, as JSON ({@code --json}) and as Markdown ({@code --write FILE}); and the engines'
 * training figures as {@link EngineSpeeds.Measurement}s ({@code --write-speeds}).
 */
final class BenchReport {

  static final String NOTE =
      "Ratios (x) are each engine's figure over plain PyTorch's: above 1 is faster for train/s,"
          + " infer/s and gen/s, slower for latency and larger for peak MB. Training throughput"
          + " leaves out the first "
          + StepTimer.WARM_UP_STEPS
          + " steps (warm-up); infer/s counts the same unit (characters for the language models)"
          + " at the batch shown; latency is the median of one example at batch 1.";

  private final String title;
  private final Machine machine;
  private final String command;
  private final BenchTable table;
  private final List<String> failures;

  /**
   * @param title e.g. {@code Benchmark of every family, budget default}
   * @param rows the runners' figures, each with its {@code family}
   * @param failures one sentence per runner that failed
   */
  BenchReport(
      String title,
      Machine machine,
      String command,
      List<Map<String, Object>> rows,
      List<String> failures) {
    this.title = title;
    this.machine = machine;
    this.command = command;
    this.table = new BenchTable(rows);
    this.failures = List.copyOf(failures);
  }

  /** The report as text, and as JSON with every row's figures and ratios. */
  Report report() {
    StringBuilder text = new StringBuilder();
    text.append(title).append(", ").append(machine.toMap().get("date")).append('\n');
    text.append("Machine: ").append(machine.describe()).append('\n');
    text.append("Versions: ").append(versionsLine()).append('\n');
    text.append("Command: ").append(command).append("\n\n");
    text.append(table.text()).append('\n');
    text.append("Budgets: ").append(String.join("; ", budgetLines())).append('\n');
    text.append(NOTE).append('\n');
    appendList(text, "Details", table.details(), "  ");
    appendList(text, "Not measured", failures, "  ");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", title);
    json.put("command", command);
    json.put("machine", machine.toMap());
    json.put("versions", versions());
    json.put("budgets", budgets());
    json.put("rows", table.rows());
    json.put("failures", failures);
    return new Report(text.toString(), json);
  }

  /** The report in Markdown, for {@code bench/RESULTS.md}; {@code caveat} (or null) opens it. */
  String markdown(String caveat) {
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    if (caveat != null) {
      md.append("> ").append(caveat).append("\n\n");
    }
    md.append("- ").append(title).append('\n');
    md.append("- Date: ").append(machine.toMap().get("date")).append('\n');
    md.append("- Machine: ").append(machine.describe()).append('\n');
    md.append("- Versions: ").append(versionsLine()).append('\n');
    md.append("- Command: `").append(command).append("`\n\n");
    md.append(table.markdown()).append('\n');
    appendList(md, "Budgets", budgetLines(), "- ");
    md.append('\n').append(NOTE).append('\n');
    appendList(md, "\nDetails", table.details(), "- ");
    appendList(md, "\nNot measured", failures, "- ");
    return md.toString();
  }

  /**
   * The engines' training throughput per job ({@code training FAMILY/VARIANT}) and device, as the
   * engine choice reads measurements; jobs measured on fewer than two engines are left out.
   */
  List<EngineSpeeds.Measurement> speeds(String source) {
    Map<String, Map<String, Double>> byJob = new LinkedHashMap<>();
    Map<String, String> devices = new LinkedHashMap<>();
    for (Map<String, Object> row : table.rows()) {
      if (BenchTable.isPeer(row) || !(row.get(BenchRow.TRAIN) instanceof Number speed)) {
        continue;
      }
      String job = "training " + row.get("family") + "/" + row.get("model");
      String device =
          String.valueOf(row.getOrDefault("device", "cpu")).startsWith("gpu") ? "gpu" : "cpu";
      String key = job + "@" + device;
      devices.put(key, device);
      byJob
          .computeIfAbsent(key, k -> new TreeMap<>())
          .put((String) row.get("engine"), speed.doubleValue());
    }
    List<EngineSpeeds.Measurement> out = new ArrayList<>();
    byJob.forEach(
        (key, perSecond) -> {
          if (perSecond.size() >= 2) {
            out.add(
                new EngineSpeeds.Measurement(
                    key.substring(0, key.lastIndexOf('@')),
                    devices.get(key),
                    perSecond,
                    EngineSpeeds.djlVersion(),
                    machine.date(),
                    source));
          }
        });
    return out;
  }

  /** A JSON number as the command line writes it: whole numbers without a fraction. */
  static Object plain(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    return value;
  }

  /** Each engine's version and plain PyTorch's, e.g. {@code mxnet 1.9.1}. */
  private Map<String, Object> versions() {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("zoo", machine.toMap().get("zoo"));
    versions.put("DJL", machine.toMap().get("djl"));
    for (Map<String, Object> row : table.rows()) {
      if (BenchTable.isPeer(row)) {
        versions.putIfAbsent("plain PyTorch", row.getOrDefault("torch", row.get("engine_version")));
      } else if (row.get("engine") != null) {
        versions.putIfAbsent(String.valueOf(row.get("engine")), row.get("engine_version"));
      }
    }
    return versions;
  }

  private String versionsLine() {
    List<String> parts = new ArrayList<>();
    versions().forEach((name, version) -> parts.add(name + " " + version));
    return String.join(", ", parts);
  }

  /** Each family's budget, as its first row states it. */
  private Map<String, Object> budgets() {
    Map<String, Object> budgets = new LinkedHashMap<>();
    for (Map<String, Object> row : table.rows()) {
      if (!BenchTable.isPeer(row) && row.get(BenchRow.BUDGET) != null) {
        budgets.putIfAbsent(String.valueOf(row.get("family")), row.get(BenchRow.BUDGET));
      }
    }
    return budgets;
  }

  private List<String> budgetLines() {
    List<String> lines = new ArrayList<>();
    budgets().forEach((family, budget) -> lines.add(family + " " + budget));
    return lines;
  }

  private static void appendList(
      StringBuilder out, String heading, List<String> lines, String bullet) {
    if (lines.isEmpty()) {
      return;
    }
    out.append(heading).append(":\n");
    for (String line : lines) {
      out.append(bullet).append(line).append('\n');
    }
  }
}
