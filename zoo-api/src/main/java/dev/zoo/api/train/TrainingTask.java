package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * One family's side of a training run: how to train on one batch, how to evaluate after an epoch,
 * and what to store in a checkpoint. The {@link TrainingLoop} does everything else.
 */
public interface TrainingTask {

  /** The manager that owns the model; each batch gets a sub-manager of it. */
  NDManager manager();

  /** The number of training examples in one epoch. */
  int trainSize();

  /**
   * Trains on the examples at {@code indices} and returns metrics averaged over the batch; {@code
   * loss} is required. Every array must be created in {@code batch}, which is closed afterwards.
   */
  Map<String, Double> trainBatch(NDManager batch, int[] indices);

  /**
   * Evaluates after an epoch and writes any pictures into {@code runDir}; returns metrics such as
   * {@code test_accuracy}.
   */
  Map<String, Double> evaluate(int epoch, Path runDir);

  /** Stores parameters and optimizer state. */
  void save(CheckpointWriter writer);

  /** Restores what {@link #save} stored. */
  void restore(Checkpoint checkpoint);

  /** The checkpoint description at the given progress. */
  dev.zoo.api.checkpoint.CheckpointInfo describe(int epoch, Map<String, Double> metrics);

  /** The noun for one example in throughput figures, e.g. {@code images}. */
  default String unit() {
    return "examples";
  }

  /**
   * How many {@link #unit() units} one example holds, e.g. the tokens of one text window; the
   * throughput figures count units.
   */
  default int unitsPerExample() {
    return 1;
  }
}
