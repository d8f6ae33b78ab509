package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.Task;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.testing.LegacyExpected;
import dev.zoo.api.train.OptimizerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the family declares without an engine: variants, tasks, options and optimizer settings. */
class VaeFamilyTest {

  private final VaeFamily family = new VaeFamily();
  @TempDir Path dir;

  @Test
  void everyVariantLearnsRepresentations() {
    assertEquals(
        List.of("conv-vae", "mlp-vae"), family.variants().stream().map(Variant::name).toList());
    for (Variant variant : family.variants()) {
      assertEquals(Task.REPRESENTATION_LEARNING, variant.task(), variant.name());
    }
  }

  @Test
  void betaAndHoldoutClassOnTrainingCountAndFormatOnGenerate() {
    Map<String, FamilyOption> options =
        family.options().stream().collect(Collectors.toMap(FamilyOption::key, Function.identity()));
    assertEquals(
        List.of("beta", "holdout_class", "part", "count", "format"),
        family.options().stream().map(FamilyOption::key).toList());
    assertEquals("--beta", options.get("beta").flag());
    assertEquals("--holdout-class", options.get("holdout_class").flag());
    for (String key : List.of("beta", "holdout_class")) {
      assertTrue(options.get(key).appliesTo("train"), key);
      assertTrue(options.get(key).appliesTo("run"), key);
      assertFalse(options.get(key).appliesTo("generate"), key);
      assertTrue(family.defaultVariant().defaults().has(key), key + " is a hyper-parameter");
    }
    for (String key : List.of("count", "format")) {
      assertTrue(options.get(key).appliesTo("generate"), key);
      assertFalse(options.get(key).appliesTo("train"), key);
    }
    assertEquals("--part", options.get("part").flag());
    assertTrue(options.get("part").appliesTo("export"));
    assertFalse(options.get("part").appliesTo("generate"));
    assertFalse(options.get("part").appliesTo("train"));
  }

  @Test
  void checkpointsWithoutAnOptimizerNameKeepTheirAdam() {
    Checkpoint legacy =
        Checkpoint.open(
            LegacyExpected.copyCheckpoint(LegacyCheckpointTest.CONV_VAE, dir), VaeFamily.NAME);
    assertFalse(legacy.info().hyperparameters().containsKey("optimizer"));
    Hyperparameters saved = family.savedHyperparameters(legacy.info());
    assertEquals("adam", saved.get("optimizer"));
    OptimizerSettings settings = OptimizerSettings.from(saved);
    assertEquals(OptimizerSettings.Algorithm.ADAM, settings.algorithm());
    assertEquals(1e-3, settings.learningRate());
    assertEquals("constant", settings.schedule());
    assertEquals(OptimizerSettings.from(family.defaultVariant().defaults()), settings);
  }
}
