package dev.zoo.api.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did.
 *
 * @param epochs the epochs this run trained (not those before a resume)
 * @param completedEpochs all epochs the model has now been trained for
 * @param checkpoint the checkpoint directory
 * @param runDir the run directory
 * @param seconds wall time of this run
 */
public record TrainingSummary(
    List<EpochResult> epochs, int completedEpochs, Path checkpoint, Path runDir, double seconds) {

  /** The last epoch's result, or null when nothing was trained. */
  public EpochResult last() {
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
  }
}
