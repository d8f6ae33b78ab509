package dev.zoo.api;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.train.TrainingLoop;
import java.util.List;

/**
 * Where a command's training starts: a fresh run of a variant with its defaults and the request's
 * settings, or the verified checkpoint it resumes with the stored settings and the request's on
 * top. Every check that needs no data or engine is done here, before anything is loaded or written;
 * the {@link TrainingLoop} then restores the checkpoint.
 *
 * @param resume the checkpoint to continue, or null for a fresh run
 * @param variant the variant's name
 * @param hyperparameters the settings of the run
 */
public record TrainingStart(Checkpoint resume, String variant, Hyperparameters hyperparameters) {

  /**
   * Resolves {@code request} for {@code family}.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when the run directory cannot take a new
   *     run, or a setting is bad
   * @throws CheckpointException when there is nothing to resume, or the checkpoint is of another
   *     family or variant
   */
  public static TrainingStart of(ModelFamily family, TrainRequest request) {
    TrainingLoop.checkRunDirectory(request.out(), request.resume());
    if (!request.resume()) {
      Variant variant = family.variant(request.variant());
      return new TrainingStart(null, variant.name(), request.apply(variant.defaults()));
    }
    Checkpoint checkpoint = Checkpoint.open(request.out(), family.name());
    CheckpointInfo info = checkpoint.info();
    if (request.variant() != null
        && !family.variant(request.variant()).name().equals(info.variant())) {
      throw new CheckpointException(
          String.format(
              "Cannot resume: %s holds a %s model, not %s.",
              request.out(), info.variant(), request.variant()));
    }
    Hyperparameters hp = request.apply(family.savedHyperparameters(info));
    return new TrainingStart(checkpoint, info.variant(), hp);
  }

  /** The seed of the run: the checkpoint's when resuming, else {@code fresh}. */
  public long seed(long fresh) {
    return resume != null ? resume.info().seed() : fresh;
  }

  /**
   * The description of an image model trained on {@code train}: labels and image size of the data
   * for a fresh run, the checkpoint's labels when resuming, and the run's seed.
   */
  public ModelDescription imageModel(
      String family, ImageSet train, EngineChoice choice, long freshSeed) {
    List<String> labels = resuming() ? resume.info().labels() : train.classNames();
    return ModelDescription.of(
        family,
        variant,
        hyperparameters,
        List.of(1, train.height(), train.width()),
        labels,
        choice,
        seed(freshSeed));
  }

  /**
   * The resumed checkpoint's model description, on {@code choice}, with this run's settings.
   *
   * @throws IllegalStateException for a fresh run
   */
  public ModelDescription resumed(ModelFamily family, EngineChoice choice) {
    if (resume == null) {
      throw new IllegalStateException("A fresh run resumes nothing.");
    }
    return family.describe(resume, choice).withHyperparameters(hyperparameters);
  }

  /** Whether the run continues a checkpoint. */
  public boolean resuming() {
    return resume != null;
  }
}
