package dev.zoo.api.train;

import dev.zoo.api.Hyperparameters;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.ZooException;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;

/**
 * Where a training request starts: a fresh run of a variant with its defaults and the request's
 * settings, or the verified checkpoint it resumes with the stored settings and the request's. Every
 * check that needs no data or engine is done here, before anything is loaded or written.
 *
 * @param resume the checkpoint to continue, or null for a fresh run
 * @param variant the variant's name
 * @param hyperparameters the settings of the run
 */
public record TrainingStart(Checkpoint resume, String variant, Hyperparameters hyperparameters) {

  /**
   * Resolves {@code request} for {@code family}.
   *
   * @throws ZooException when the run directory cannot take the run, the checkpoint is of another
   *     family or variant, or a resume has no epochs left to train
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
      throw new ZooException(
          String.format(
              "Cannot resume: %s holds a %s model, not %s.",
              request.out(), info.variant(), request.variant()));
    }
    Hyperparameters hp = request.apply(Hyperparameters.of(info.hyperparameters()));
    boolean bySteps = hp.has("steps") && hp.getInt("steps") > 0;
    if (!bySteps && hp.getInt("epochs") <= info.epoch()) {
      throw new ZooException(
          String.format(
              "Nothing to resume: %s has already trained %d of %d epochs; pass --epochs with a"
                  + " larger number.",
              request.out(), info.epoch(), hp.getInt("epochs")));
    }
    return new TrainingStart(checkpoint, info.variant(), hp);
  }

  /** The seed of the run: the checkpoint's when resuming, else {@code fresh}. */
  public long seed(long fresh) {
    return resume != null ? resume.info().seed() : fresh;
  }
}
