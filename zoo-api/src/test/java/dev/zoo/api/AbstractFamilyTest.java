package dev.zoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.Op;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A family declared by its parts: variants' needs, renamed settings, commands and benchmark. */
class AbstractFamilyTest {

  private static final Report EVALUATED = new Report("evaluated", Map.of());
  private static final Report BENCHED = new Report("benched", Map.of());

  private static class Toy extends AbstractFamily {
    Toy(boolean withCommands) {
      super(
          "toy",
          "a family for tests",
          List.of(
              new Variant("small", Task.TEXT_GENERATION, "small", Hyperparameters.parse("a=1")),
              new Variant("large", Task.TEXT_GENERATION, "large", Hyperparameters.parse("a=2"))),
          List.of(),
          EnumSet.of(Op.TRAINING, Op.LINEAR));
      alsoNeeds("large", Op.CONV2D, Op.BATCH_NORM);
      renamed("old", "a");
      if (withCommands) {
        command("evaluate", (request, context) -> EVALUATED);
        benchmark((request, context) -> BENCHED);
      }
    }

    @Override
    public Report train(TrainRequest request, RunContext context) {
      return new Report("trained", Map.of());
    }
  }

  @Test
  void aVariantNeedsWhatTheFamilyNeedsAndItsOwn() {
    Toy toy = new Toy(false);
    assertEquals(EnumSet.of(Op.TRAINING, Op.LINEAR), toy.needs("small"));
    assertEquals(EnumSet.of(Op.TRAINING, Op.LINEAR, Op.CONV2D, Op.BATCH_NORM), toy.needs("large"));
    toy.needs("small").add(Op.GRU);
    assertEquals(EnumSet.of(Op.TRAINING, Op.LINEAR), toy.needs("small"));
    assertEquals(EnumSet.of(Op.LINEAR, Op.CONV2D, Op.BATCH_NORM), toy.inferenceNeeds("large"));
  }

  @Test
  void renamedSettingsAreListed() {
    assertEquals(Map.of("old", "a"), new Toy(false).renamedHyperparameters());
  }

  @Test
  void declaredCommandsRunAndOthersAreRefused() {
    Toy toy = new Toy(true);
    ModelRequest request = ModelRequest.of(Path.of("run"));
    assertSame(EVALUATED, toy.evaluate(request, null));
    assertSame(BENCHED, toy.bench(TrainRequest.defaults(Path.of("run")), null));
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> toy.predict(request, null));
    assertEquals("Family toy has no predict action.", e.getMessage());
    Toy bare = new Toy(false);
    e =
        assertThrows(
            InvalidSettingException.class,
            () -> bare.bench(TrainRequest.defaults(Path.of("run")), null));
    assertEquals("Family toy has no bench action.", e.getMessage());
  }

  @Test
  void onlyActionsOnACheckpointAreCommands() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Toy(false) {
              {
                command("train", (request, context) -> EVALUATED);
              }
            });
  }
}
