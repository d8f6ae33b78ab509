package dev.zoo.api.model;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Engines;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Opens saved models: one path for the command line and for applications. */
public final class ModelLoader {

  private ModelLoader() {}

  /**
   * Opens and verifies {@code family}'s checkpoint at {@code path}, chooses the named engine (or
   * {@code ZOO_ENGINE}'s, or the best) that can run its variant, and hands both to {@code open}.
   *
   * @param path a run directory or a checkpoint directory
   * @param engine {@code pytorch}, {@code mxnet}, ... or null
   * @param open builds the model from the checkpoint and its description
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static <M> M load(
      ModelFamily family,
      Path path,
      String engine,
      BiFunction<Checkpoint, ModelDescription, M> open) {
    Checkpoint checkpoint = Checkpoint.open(path, family.name());
    String variant = family.variant(checkpoint.info().variant()).name();
    EngineChoice choice =
        Engines.choose(
            "running " + family.name() + "/" + variant,
            family.inferenceNeeds(variant),
            EngineRequest.of(engine));
    return open.apply(checkpoint, description(family, checkpoint, choice));
  }

  /**
   * Loads {@code family}'s checkpoint at {@code path} into a model that {@code create} builds from
   * the checkpoint's description, on the named engine or the best.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family, or its parameters do not fit
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static <M extends BaseModel<?>> M load(
      ModelFamily family, Path path, String engine, Function<ModelDescription, M> create) {
    return load(family, path, engine, (cp, d) -> restored(cp, d, create));
  }

  /**
   * Loads the checkpoint a command names for {@code family}, on the engine the context chooses
   * (which it prints), into a model that {@code create} builds from the checkpoint's description.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family, or its parameters do not fit
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static <M extends BaseModel<?>> M load(
      ModelFamily family,
      ModelRequest request,
      RunContext context,
      Function<ModelDescription, M> create) {
    return load(family, Checkpoint.open(request.checkpoint(), family.name()), context, create);
  }

  /**
   * Loads {@code family}'s opened {@code checkpoint}, on the engine the context chooses (which it
   * prints), into a model that {@code create} builds from the checkpoint's description.
   *
   * @throws dev.zoo.api.common.CheckpointException when its parameters do not fit
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static <M extends BaseModel<?>> M load(
      ModelFamily family,
      Checkpoint checkpoint,
      RunContext context,
      Function<ModelDescription, M> create) {
    return restored(checkpoint, description(family, checkpoint, context), create);
  }

  /**
   * What {@code checkpoint} says about its model ({@link ModelFamily#describe}), on the engine the
   * context chooses (and prints) to run its variant: the last step before a command loads a model.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when the family has no such variant
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static ModelDescription description(
      ModelFamily family, Checkpoint checkpoint, RunContext context) {
    String variant = family.variant(checkpoint.info().variant()).name();
    EngineChoice choice =
        context.chooseEngine(
            "running " + family.name() + "/" + variant, family.inferenceNeeds(variant));
    return family.describe(checkpoint, choice);
  }

  /**
   * A model built by {@code create} from {@code description}, with {@code checkpoint}'s parameters.
   */
  public static <M extends BaseModel<?>> M restored(
      Checkpoint checkpoint, ModelDescription description, Function<ModelDescription, M> create) {
    M model = create.apply(description);
    model.restore(checkpoint);
    return model;
  }

  /**
   * What {@code checkpoint} says about its model, running on {@code choice}: its hyper-parameters
   * under today's names (a family's renamed ones translated, new ones at their defaults), input
   * shape, labels, seed, family-specific values and provenance.
   */
  public static ModelDescription description(
      ModelFamily family, Checkpoint checkpoint, EngineChoice choice) {
    return family.describe(checkpoint, choice);
  }
}
