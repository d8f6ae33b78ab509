package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One timed probe of {@code zoo engines --tune}, in its own process on one engine: the variant's
 * own training ({@code family.train}, on the family's default data, into a scratch folder) stopped
 * after {@value #WARM_UP} warm-up steps and {@code steps} timed steps or {@code seconds} of
 * training, whichever comes first, reporting examples per second over the timed steps ({@link
 * StepTimer}).
 */
final class EngineProbe {

  /** The steps left out before the timed ones. */
  static final int WARM_UP = 5;

  private EngineProbe() {}

  /**
   * Probes {@code job} ({@code FAMILY/VARIANT}) on the session's engine.
   *
   * @throws InvalidSettingException for an unknown family or variant
   */
  static Report run(Session session, String job, int steps, int seconds) {
    String[] parts = job.split("/", 2);
    ModelFamily family = session.zoo.family(parts[0]);
    String variant = family.variant(parts.length > 1 ? parts[1] : null).name();
    String name = "training " + family.name() + "/" + variant;
    EngineChoice choice =
        session
            .zoo
            .selector()
            .choose(
                name,
                family.needs(variant),
                new EngineRequest(session.global.engine, session.global.device));
    List<StepTimer> timers = new ArrayList<>();
    RunContext context =
        RunContext.builder(session.zoo)
            .out(session.err)
            .log(session.err)
            .engine(session.global.engine)
            .device(session.global.device)
            .seed(session.global.seed)
            .command(session.commandLine())
            .training(
                options -> {
                  StepTimer timer = new StepTimer(options.listener(), WARM_UP);
                  timers.add(timer);
                  return options
                      .withListener(timer)
                      .withMaxSteps(WARM_UP + (long) steps)
                      .withTimeLimit(Duration.ofSeconds(seconds));
                })
            .build();
    try (ScratchFolder scratch = ScratchFolder.create("zoo-tune")) {
      family.train(
          new TrainRequest(
              variant, scratch.path().resolve("run"), null, null, null, null, false, Map.of()),
          context);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job", name);
    json.put("engine", choice.backend().name());
    json.put("device", choice.device().isGpu() ? "gpu" : "cpu");
    StepTimer timer = timers.isEmpty() ? null : timers.get(0);
    json.put("examples_per_s", timer == null ? null : finite(timer.examplesPerSecond()));
    json.put("timed_steps", timer == null ? 0 : timer.timedSteps());
    json.put("timed_examples", timer == null ? 0 : timer.timedExamples());
    return new Report(name + " on " + choice.backend().name() + ": " + json + "\n", json);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
