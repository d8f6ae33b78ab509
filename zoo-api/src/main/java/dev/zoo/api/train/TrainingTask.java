package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A family's side of training, handed to the {@link TrainingLoop}: what is trained (parameter
 * groups, each with its optimizer settings), one step, one evaluation, and the model's description.
 * The template does the rest: step planning, shuffling, optimizers and their state, checkpoints,
 * resume, metrics, progress and the stop on a loss that is not a number.
 */
public interface TrainingTask {

  /** The manager that owns the model; each step gets a sub-manager of it. */
  NDManager manager();

  /**
   * The networks this task trains, each with its optimizer; the template saves their parameters and
   * optimizer state in every checkpoint and restores both on resume.
   */
  List<ParameterGroup> parameterGroups();

  /** The number of training examples in one epoch. */
  int trainSize();

  /**
   * Trains on the examples of {@code step}: forward, backward, then {@link TrainingStep#update} for
   * each group to update. Every array must be created in {@link TrainingStep#manager()}.
   *
   * @return the batch's figures; {@code loss} is required
   */
  StepMetrics trainStep(TrainingStep step);

  /**
   * Evaluates after an epoch (or when a budget stops the run) and writes any pictures into {@code
   * runDir}.
   *
   * @return figures such as {@code test_accuracy}, or an empty map
   */
  Map<String, Double> evaluate(int epoch, Path runDir);

  /** The checkpoint description ({@code model.json}) after {@code epoch} epochs. */
  CheckpointInfo describe(int epoch, Map<String, Double> metrics);

  /** Writes files the task needs besides parameters and optimizer state, e.g. fixed noise. */
  default void saveState(CheckpointWriter writer) {}

  /** Reads what {@link #saveState} wrote, on resume. */
  default void restoreState(Checkpoint checkpoint) {}

  /** The noun for one example in throughput figures, e.g. {@code images}. */
  default String unit() {
    return "examples";
  }

  /** How many {@link #unit() units} one example holds, e.g. the characters of one text window. */
  default int unitsPerExample() {
    return 1;
  }
}
