package dev.zoo.api.train;

import dev.zoo.api.Hyperparameters;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.ZooException;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;

/**
 * Where a training run starts: a new run of the requested variant with its defaults and the
 * request's settings, or the checkpoint in the run directory with its recorded hyper-parameters and
 * the request's settings on top. Checks the run directory first, so that nothing is written when
 * the start is refused.
 *
 * @param variant the variant to train
 * @param hyperparameters the settings of the run
 * @param resume the verified checkpoint to continue, or null for a new run
 */
public record RunStart(String variant, Hyperparameters hyperparameters, Checkpoint resume) {

  /**
   * The start of {@code request} for {@code family}.
   *
   * @throws ZooException when the run directory cannot hold a new run, has nothing to resume, or
   *     holds another variant than the one named
   */
  public static RunStart of(ModelFamily family, TrainRequest request) {
    TrainingLoop.checkRunDirectory(request.out(), request.resume());
    if (!request.resume()) {
      Variant v = family.variant(request.variant());
      return new RunStart(v.name(), request.apply(v.defaults()), null);
    }
    Checkpoint checkpoint = Checkpoint.open(request.out(), family.name());
    CheckpointInfo info = checkpoint.info();
    if (request.variant() != null
        && !family.variant(request.variant()).name().equals(info.variant())) {
      throw new ZooException(
          "Cannot resume: "
              + request.out()
              + " holds a "
              + info.variant()
              + " model, not "
              + request.variant()
              + ".");
    }
    return new RunStart(
        info.variant(), request.apply(Hyperparameters.of(info.hyperparameters())), checkpoint);
  }

  /** The seed of the run: the checkpoint's when resuming, else {@code fresh}. */
  public long seed(long fresh) {
    return resume == null ? fresh : resume.info().seed();
  }
}
