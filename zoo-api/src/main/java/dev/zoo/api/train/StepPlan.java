package dev.zoo.api.train;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;

/**
 * How a run's examples become optimizer steps: {@code batch_size} examples a step, {@code
 * ceil(trainSize / batchSize)} steps an epoch, and either {@code epochs} whole epochs or, when
 * {@code steps} is positive, that many steps (the last epoch ending early). Every count of steps,
 * epochs and schedule lengths in the zoo comes from here.
 *
 * @param trainSize examples in one epoch, at least 1
 * @param batchSize examples per step, at least 1
 * @param epochs the budget in epochs when {@code steps} is 0
 * @param steps the budget in steps, or 0 for whole epochs
 */
public record StepPlan(int trainSize, int batchSize, int epochs, long steps) {

  /**
   * Checks the counts.
   *
   * @throws InvalidDataException when there is nothing to train on
   * @throws InvalidSettingException when a count is below its minimum
   */
  public StepPlan {
    if (trainSize <= 0) {
      throw new InvalidDataException("There is nothing to train on: the training set is empty.");
    }
    if (batchSize <= 0) {
      throw new InvalidSettingException(
          "Batch size must be a positive number, not " + batchSize + ".");
    }
    if (steps < 0) {
      throw new InvalidSettingException("Steps must be a positive number, not " + steps + ".");
    }
    if (steps == 0 && epochs <= 0) {
      throw new InvalidSettingException("Epochs must be a positive number, not " + epochs + ".");
    }
  }

  /**
   * The plan that {@code hp}'s {@code epochs}, {@code batch_size} and (if defined) {@code steps}
   * give for {@code trainSize} examples an epoch.
   */
  public static StepPlan of(Hyperparameters hp, int trainSize) {
    long steps = hp.has("steps") ? hp.getInt("steps") : 0;
    return new StepPlan(trainSize, hp.getInt("batch_size"), hp.getInt("epochs"), steps);
  }

  /** Steps in a whole epoch. */
  public long stepsPerEpoch() {
    return (trainSize + (long) batchSize - 1) / batchSize;
  }

  /** Steps of the whole run. */
  public long totalSteps() {
    return steps > 0 ? steps : stepsPerEpoch() * epochs;
  }

  /** Epochs of the whole run, the last possibly partial. */
  public int totalEpochs() {
    return (int) ((totalSteps() + stepsPerEpoch() - 1) / stepsPerEpoch());
  }

  /** The epoch (from 1) that step {@code step} (from 1) belongs to. */
  public int epochOf(long step) {
    return (int) ((step - 1) / stepsPerEpoch()) + 1;
  }

  /**
   * The whole epochs that {@code stepsDone} steps complete (all of them at the end of the plan).
   */
  public int completedEpochs(long stepsDone) {
    return stepsDone >= totalSteps() ? totalEpochs() : (int) (stepsDone / stepsPerEpoch());
  }

  /** The steps done before epoch {@code epoch} (from 1) starts. */
  public long stepsBefore(int epoch) {
    return (epoch - 1) * stepsPerEpoch();
  }

  /** The steps of epoch {@code epoch} (from 1) within the budget. */
  public long stepsIn(int epoch) {
    return Math.max(0, Math.min(stepsPerEpoch(), totalSteps() - stepsBefore(epoch)));
  }
}
