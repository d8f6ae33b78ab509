package dev.zoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.train.ConsoleProgress;
import dev.zoo.api.train.FitOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit options a context gives its actions, and what its builder may change in them. */
class RunContextTest {

  @Test
  void theBuildersTrainingChangeAppliesToEveryFitOptionsOfTheContext() {
    Zoo zoo = Zoo.of(List.of(), List.of());
    RunContext plain =
        RunContext.builder(zoo).log(new PrintStream(new ByteArrayOutputStream())).build();
    FitOptions defaults = plain.fitOptions(TrainRequest.defaults(Path.of("run")));
    assertEquals(0, defaults.maxSteps());
    assertTrue(defaults.listener() instanceof ConsoleProgress);

    RunContext budgeted =
        RunContext.builder(zoo)
            .command("zoo engines --tune")
            .training(o -> o.withMaxSteps(7).withTimeLimit(Duration.ofSeconds(3)))
            .build();
    FitOptions options = budgeted.fitOptions(TrainRequest.defaults(Path.of("run")));
    assertEquals(7, options.maxSteps());
    assertEquals(Duration.ofSeconds(3), options.timeLimit());
    assertEquals("zoo engines --tune", options.command());
    assertTrue(options.listener() instanceof ConsoleProgress);
  }

  @Test
  void tellsTheEngineAndDeviceAskedFor() {
    RunContext asked =
        RunContext.builder(Zoo.of(List.of(), List.of())).engine("pytorch").device("cpu").build();
    assertEquals("pytorch", asked.engineRequest().engine());
    assertEquals("cpu", asked.engineRequest().device());
  }
}
