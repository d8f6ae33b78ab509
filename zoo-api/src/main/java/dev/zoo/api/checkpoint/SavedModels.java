package dev.zoo.api.checkpoint;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Zoo;
import dev.zoo.api.engine.EngineChoice;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Loads a family's saved model for an application, without a command line around it. */
public final class SavedModels {

  private SavedModels() {}

  /**
   * Opens and verifies {@code family}'s checkpoint at {@code path}, chooses the named engine (or
   * the best) that can run its variant, and hands both to {@code open}.
   *
   * @param engine {@code pytorch}, {@code mxnet}, ... or null for the best
   * @throws dev.zoo.api.ZooException when the checkpoint is missing, corrupted or of another
   *     family, or no engine can run it
   */
  public static <T> T load(
      ModelFamily family, Path path, String engine, BiFunction<Checkpoint, EngineChoice, T> open) {
    Checkpoint checkpoint = Checkpoint.open(path, family.name());
    String variant = checkpoint.info().variant();
    EngineChoice choice =
        Zoo.discover()
            .selector()
            .choose(
                "running " + family.name() + "/" + variant,
                family.inferenceNeeds(variant),
                engine,
                null);
    return open.apply(checkpoint, choice);
  }
}
