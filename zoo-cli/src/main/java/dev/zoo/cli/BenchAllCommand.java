package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineSpeeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zoo bench all}: the benchmark of every family's default variant on every engine that can
 * train it and in plain PyTorch, at one {@link BenchBudget}, in one table ({@link BenchReport});
 * optionally written as Markdown ({@code --write bench/RESULTS.md}) and as the engine speeds the
 * zoo ships ({@code --write-speeds}). A runner that fails is reported and the others go on.
 */
@Command(
    name = "all",
    description =
        "Benchmark every family's default variant on every engine that can train it, next to plain"
            + " PyTorch, in one table.")
final class BenchAllCommand implements Runnable {

  /** Where the zoo's shipped engine speeds live, under the project's folder. */
  static final String SHIPPED_SPEEDS =
      "zoo-api/src/main/resources/dev/zoo/api/engine/engine-speeds.json";

  private final Session session;

  @Option(
      names = "--budget",
      paramLabel = "NAME",
      defaultValue = "default",
      description =
          "quick (a few minutes, to check that everything runs), default (about 15-20 minutes on"
              + " 2 idle cores) or long (default: ${DEFAULT-VALUE}).")
  String budget;

  @Option(
      names = "--only",
      paramLabel = "FAMILY",
      split = ",",
      description = "Benchmark only these families (comma-separated).")
  List<String> only;

  @Option(names = "--no-peer", description = "Skip the plain-PyTorch peers.")
  boolean noPeer;

  @Option(
      names = "--write",
      paramLabel = "FILE",
      description = "Also write the report as Markdown, e.g. bench/RESULTS.md.")
  Path write;

  @Option(
      names = "--write-speeds",
      paramLabel = "FILE",
      arity = "0..1",
      fallbackValue = "",
      description =
          "Also write the engines' training figures as the engine speeds the zoo ships (default"
              + " file: "
              + SHIPPED_SPEEDS
              + " in the project).")
  String writeSpeeds;

  BenchAllCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    BenchBudget chosen = BenchBudget.of(budget);
    List<ModelFamily> families = families();
    Machine machine = new Machine();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ModelFamily family : families) {
      TrainOptions options = chosen.settings(family.name()).options();
      BenchProcesses processes = new BenchProcesses(session, family, options);
      try {
        rows.addAll(processes.measure(List.of(), !noPeer, e -> failures.add(e.getMessage())));
      } catch (ZooException e) {
        failures.add(e.getMessage());
      }
      failures.addAll(processes.peerProblems());
    }
    machine.finished();
    if (rows.isEmpty()) {
      throw new ZooException("No benchmark ran: " + String.join(" ", failures));
    }
    String title =
        "Benchmark of "
            + (only == null ? "every family" : String.join(", ", names(families)))
            + ", budget "
            + chosen.id();
    BenchReport report = new BenchReport(title, machine, session.commandLine(), rows, failures);
    session.print(report.report());
    if (write != null) {
      writeText(write, report.markdown(caveat(chosen, machine)));
    }
    if (writeSpeeds != null) {
      Path file =
          writeSpeeds.isBlank()
              ? Path.of(System.getProperty("zoo.home", "."), SHIPPED_SPEEDS)
              : Path.of(writeSpeeds);
      var speeds = report.speeds("zoo bench all --budget " + chosen.id());
      EngineSpeeds.merge(file, speeds);
      session.err.println("Wrote " + speeds.size() + " engine speed(s) to " + file + ".");
    }
  }

  /** The families to measure: the budget's six in its order, then any other registered one. */
  private List<ModelFamily> families() {
    List<ModelFamily> ordered = new ArrayList<>();
    for (String name : BenchBudget.FAMILIES) {
      session.zoo.families().stream().filter(f -> f.name().equals(name)).forEach(ordered::add);
    }
    session.zoo.families().stream().filter(f -> !ordered.contains(f)).forEach(ordered::add);
    if (only == null) {
      return ordered;
    }
    for (String name : only) {
      if (ordered.stream().noneMatch(f -> f.name().equalsIgnoreCase(name.trim()))) {
        throw new InvalidSettingException(
            "Unknown family '"
                + name
                + "' in --only; "
                + ActionCommand.knownFamilies(session)
                + ".");
      }
    }
    return ordered.stream()
        .filter(f -> only.stream().anyMatch(n -> n.trim().equalsIgnoreCase(f.name())))
        .toList();
  }

  private static List<String> names(List<ModelFamily> families) {
    return families.stream().map(ModelFamily::name).toList();
  }

  /** The warning that opens the Markdown when its figures are not to be taken as results. */
  private static String caveat(BenchBudget budget, Machine machine) {
    List<String> parts = new ArrayList<>();
    if (budget == BenchBudget.QUICK) {
      parts.add(
          "**Format example.** Budget `quick` only checks that every runner works; its figures"
              + " are not a benchmark.");
    }
    double load = Double.parseDouble(machine.loadAtStart().split(" ")[0].replace("unknown", "0"));
    if (load > 0.5 * Runtime.getRuntime().availableProcessors()) {
      parts.add(
          "The load average at the start ("
              + machine.loadAtStart()
              + ") shows other work on this machine.");
    }
    if (parts.isEmpty()) {
      return null;
    }
    parts.add(
        "Replace this file with `./zoo bench all --write bench/RESULTS.md` run on idle cores.");
    return String.join(" ", parts);
  }

  private void writeText(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      session.err.println("Wrote " + file + ".");
    } catch (IOException e) {
      throw new ZooException("Cannot write " + file + ": " + e.getMessage() + ".", e);
    }
  }
}
