package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;

/** A parameter group's optimizer and learning-rate schedule during a {@link TrainingLoop} run. */
final class GroupState {

  private final ParameterGroup group;
  private final Optimizer optimizer;
  private final Schedule schedule;

  GroupState(ParameterGroup group, NDManager scope, long totalSteps) {
    this.group = group;
    this.optimizer = group.optimizer().create(scope);
    this.schedule = group.optimizer().schedule(totalSteps);
  }

  ParameterGroup group() {
    return group;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  /** Updates the group's network at the scheduled learning rate of the next step. */
  void update() {
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(group.network().block());
  }
}
