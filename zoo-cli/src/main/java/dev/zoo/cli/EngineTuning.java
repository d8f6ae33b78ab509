package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.Variant;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.EngineSelector;
import dev.zoo.api.engine.EngineSpeeds;
import dev.zoo.api.engine.Offers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code zoo engines --tune [FAMILY...]}: for each family's default variant (every variant with
 * {@code --all}), an {@link EngineProbe} on each engine that can train it, each in its own process;
 * the speeds go into this machine's cache ({@link EngineSpeeds#remember}), which the automatic
 * engine choice reads, and the report shows them with the engine each job now takes and why.
 */
final class EngineTuning {

  /** How {@code zoo engines --tune} names itself in what it measures. */
  static final String SOURCE = "zoo engines --tune";

  private final Session session;
  private final int steps;
  private final int seconds;

  EngineTuning(Session session, int steps, int seconds) {
    this.session = session;
    this.steps = steps;
    this.seconds = seconds;
  }

  /**
   * Probes the jobs of {@code familyNames} (all families when empty), remembers the speeds and
   * reports them.
   *
   * @throws ZooException for an unknown family, or when no probe ran
   */
  Report run(List<String> familyNames, boolean allVariants) {
    List<ModelFamily> families =
        familyNames.isEmpty()
            ? session.zoo.families()
            : familyNames.stream().map(session.zoo::family).toList();
    String date = LocalDate.now().toString();
    List<EngineSpeeds.Measurement> measured = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ModelFamily family : families) {
      List<Variant> variants = allVariants ? family.variants() : List.of(family.defaultVariant());
      for (Variant variant : variants) {
        EngineSpeeds.Measurement m = probe(family, variant.name(), date, failures);
        if (m != null) {
          measured.add(m);
        }
      }
    }
    if (measured.isEmpty()) {
      throw new ZooException("No engine could be measured: " + String.join(" ", failures));
    }
    EngineSpeeds.remember(measured);
    return report(measured, failures);
  }

  /** The speeds of every engine that can train {@code variant}, or null when none ran. */
  private EngineSpeeds.Measurement probe(
      ModelFamily family, String variant, String date, List<String> failures) {
    String job = family.name() + "/" + variant;
    Map<String, Double> perSecond = new TreeMap<>();
    String device = "cpu";
    for (EngineBackend backend : session.zoo.backends()) {
      Offers offers = backend.declaredOffers();
      if (!backend.isAvailable()
          || offers.ops().isEmpty()
          || !offers.missing(family.needs(variant)).isEmpty()) {
        continue;
      }
      session.err.println("== training " + job + " on " + backend.name());
      List<String> args =
          List.of(
              "engines",
              "--probe",
              job,
              "--steps",
              Integer.toString(steps),
              "--seconds",
              Integer.toString(seconds));
      try {
        Map<String, Object> row =
            BenchProcesses.runJson(
                BenchProcesses.zoo(session, backend.name(), args),
                "probe of " + job + " on " + backend.name());
        if (row.get("examples_per_s") instanceof Number n) {
          perSecond.put(backend.name(), n.doubleValue());
          device = String.valueOf(row.get("device"));
        } else {
          failures.add("The probe of " + job + " on " + backend.name() + " timed no step.");
        }
      } catch (ZooException e) {
        failures.add(e.getMessage());
      }
    }
    return perSecond.isEmpty()
        ? null
        : new EngineSpeeds.Measurement(
            "training " + job, device, perSecond, EngineSpeeds.djlVersion(), date, SOURCE);
  }

  private Report report(List<EngineSpeeds.Measurement> measured, List<String> failures) {
    List<String> engines =
        measured.stream()
            .flatMap(m -> m.perSecond().keySet().stream())
            .distinct()
            .sorted()
            .toList();
    List<List<String>> cells = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("job"));
    engines.forEach(e -> header.add(e + " examples/s"));
    header.add("now takes");
    cells.add(header);
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (EngineSpeeds.Measurement m : measured) {
      EngineChoice choice = choose(m.job());
      List<String> line = new ArrayList<>(List.of(m.job()));
      engines.forEach(e -> line.add(BenchTable.format(m.perSecond().get(e))));
      line.add(choice.backend().name());
      cells.add(line);
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("job", m.job());
      job.put("device", m.device());
      job.put("examples_per_s", m.perSecond());
      job.put("engine", choice.backend().name());
      job.put("reason", choice.reason());
      jobs.add(job);
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Training examples/s after %d warm-up steps, at most %d timed steps or %d s per engine,"
                + " on %s.%n",
            EngineProbe.WARM_UP,
            steps,
            seconds,
            Runtime.getRuntime().availableProcessors() + " cores, " + Machine.cpuModel()));
    text.append(BenchTable.aligned(cells, c -> c == 0 || c == cells.get(0).size() - 1));
    for (Map<String, Object> job : jobs) {
      text.append("Engine: ").append(job.get("reason")).append(".\n");
    }
    for (String failure : failures) {
      text.append("Failed: ").append(failure).append('\n');
    }
    text.append("Written to ").append(EngineSpeeds.cacheFile()).append(".\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cache", EngineSpeeds.cacheFile().toString());
    json.put("measured", measured.get(0).measured());
    json.put("jobs", jobs);
    json.put("failures", failures);
    return new Report(text.toString(), json);
  }

  /** The engine the selector now takes for {@code job}, with the speeds just remembered. */
  private EngineChoice choose(String job) {
    String[] parts = job.substring("training ".length()).split("/", 2);
    ModelFamily family = session.zoo.family(parts[0]);
    return new EngineSelector(session.zoo.backends(), EngineSpeeds.load())
        .choose(job, family.needs(parts[1]), new EngineRequest(null, null));
  }
}
