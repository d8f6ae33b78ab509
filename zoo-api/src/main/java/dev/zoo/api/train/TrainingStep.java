package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.common.ZooException;
import java.util.Map;
import java.util.Random;

/**
 * One optimizer step as the training template hands it to a task: the batch's examples, a native
 * memory scope that is closed after the step, and the updates of the task's parameter groups at
 * their scheduled learning rates.
 */
public final class TrainingStep {

  private final NDManager manager;
  private final int[] indices;
  private final int epoch;
  private final long number;
  private final long seed;
  private final Map<String, GroupState> groups;

  TrainingStep(
      NDManager manager,
      int[] indices,
      int epoch,
      long number,
      long seed,
      Map<String, GroupState> groups) {
    this.manager = manager;
    this.indices = indices;
    this.epoch = epoch;
    this.number = number;
    this.seed = seed;
    this.groups = groups;
  }

  /** The scope every array of this step must be created in; it is closed after the step. */
  public NDManager manager() {
    return manager;
  }

  /** The indices of this batch's training examples, in {@code 0 .. trainSize - 1}. */
  public int[] indices() {
    return indices;
  }

  /** The number of examples in this batch. */
  public int size() {
    return indices.length;
  }

  /** The epoch this step belongs to, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The step's number in the whole run, from 1, counting steps before a resume. */
  public long number() {
    return number;
  }

  /**
   * A random source for this step (noise, classes to draw) that depends only on the run's seed and
   * the step's number, so a resumed run draws what the uninterrupted one would have. The engine's
   * own random source (dropout masks, {@code NDManager.randomUniform}) is seeded the same way, from
   * the run's seed and the step's number, before every step.
   */
  public Random random() {
    return new Random(seed * 1_000_003L + number);
  }

  /** Updates the task's only parameter group from its gradients. */
  public void update() {
    if (groups.size() != 1) {
      throw new IllegalStateException(
          "The task has " + groups.size() + " parameter groups; name one.");
    }
    groups.values().iterator().next().update();
  }

  /**
   * Updates the named parameter group from its gradients at its scheduled learning rate and clears
   * the gradients.
   */
  public void update(String group) {
    GroupState state = groups.get(group);
    if (state == null) {
      throw new ZooException("There is no parameter group '" + group + "' in this task.");
    }
    state.update();
  }
}
