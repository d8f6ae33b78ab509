package dev.zoo.cli;

import ai.djl.engine.Engine;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.DeviceInfo;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Op;
import dev.zoo.api.engine.OpProbe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo engines}: loads each engine, lists its devices, and probes which of the zoo's
 * operations it really runs; with {@code --tune}, measures which engine trains each family fastest
 * on this machine ({@link EngineTuning}), which the automatic engine choice then follows.
 */
@Command(
    name = "engines",
    description = {
      "Load each engine and show its version, devices, and the operations it lacks.",
      "With --tune, time a short training of each family's default variant on every engine that"
          + " can train it and remember the speeds in ~/.cache/zoo/engine-speeds.json (or"
          + " ZOO_CACHE), where the automatic engine choice reads them."
    })
final class EnginesCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Option(names = "--tune", description = "Measure the engines' training speed per family.")
  boolean tune;

  @Parameters(
      paramLabel = "FAMILY",
      arity = "0..*",
      description = "With --tune: the families to measure (default: all).")
  List<String> families = new ArrayList<>();

  @Option(names = "--all", description = "With --tune: every variant, not only the default.")
  boolean allVariants;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "200",
      description = "With --tune: timed steps per engine at most (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "15",
      description =
          "With --tune: seconds of training per engine at most (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--probe", hidden = true, paramLabel = "FAMILY/VARIANT")
  String probe;

  @Override
  public void run() {
    Session session = root.session;
    if (steps <= 0 || seconds <= 0) {
      throw new InvalidSettingException("--steps and --seconds must be positive numbers.");
    }
    if (probe != null) {
      session.print(EngineProbe.run(session, probe, steps, seconds));
      return;
    }
    if (tune) {
      session.print(new EngineTuning(session, steps, seconds).run(families, allVariants));
      return;
    }
    if (!families.isEmpty() || allVariants) {
      throw new InvalidSettingException(
          "Families and --all go with --tune: 'zoo engines --tune [FAMILY...] [--all]'.");
    }
    Zoo zoo = session.zoo;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EngineBackend backend : zoo.backends()) {
      rows.add(describe(backend));
    }
    if (root.session.global.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("engines", rows);
      root.session.out.println(Json.write(json));
      return;
    }
    for (Map<String, Object> row : rows) {
      root.session.out.printf(
          "%-11s %s%n",
          row.get("name"),
          Boolean.TRUE.equals(row.get("available"))
              ? "available, " + row.get("djl_engine") + " " + row.get("version")
              : "not available: " + row.get("reason"));
      if (Boolean.TRUE.equals(row.get("available"))) {
        root.session.out.printf("  devices   %s%n", row.get("devices"));
        root.session.out.printf(
            "  training  %s%n", Boolean.TRUE.equals(row.get("training")) ? "yes" : "no");
        @SuppressWarnings("unchecked")
        List<String> lacks = (List<String>) row.get("lacks");
        root.session.out.printf(
            "  lacks     %s%n",
            lacks.isEmpty() ? "nothing the zoo uses" : String.join(", ", lacks));
      }
    }
  }

  private Map<String, Object> describe(EngineBackend backend) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", backend.name());
    row.put("djl_engine", backend.djlEngine());
    if (!backend.isAvailable()) {
      row.put("available", false);
      row.put("reason", backend.unavailableReason());
      return row;
    }
    try {
      Engine engine = backend.load();
      Set<Op> works = OpProbe.probe(engine);
      EnumSet<Op> lacks = EnumSet.allOf(Op.class);
      lacks.removeAll(works);
      row.put("available", true);
      row.put("version", engine.getVersion());
      row.put(
          "devices",
          backend.devices().stream().map(DeviceInfo::toString).collect(Collectors.toList()));
      row.put("training", works.contains(Op.TRAINING));
      row.put("lacks", lacks.stream().map(Op::description).collect(Collectors.toList()));
      row.put("lacks_ids", lacks.stream().map(Op::id).collect(Collectors.toList()));
    } catch (ZooException e) {
      row.put("available", false);
      row.put("reason", e.getMessage());
    }
    return row;
  }
}
