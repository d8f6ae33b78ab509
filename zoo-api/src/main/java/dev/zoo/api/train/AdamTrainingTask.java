package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.zoo.api.Hyperparameters;
import dev.zoo.api.ZooException;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The common part of a {@link TrainingTask} that trains one DJL block with the zoo's {@link Adam}
 * on a learning-rate {@link Schedule}: it owns the optimizer's native memory, stores the block's
 * parameters and the optimizer's state in every checkpoint, and restores both on resume. A family
 * adds the batch step (calling {@link #step()} after its backward pass), the evaluation and the
 * checkpoint description.
 */
public abstract class AdamTrainingTask implements TrainingTask, AutoCloseable {

  private final NDManager manager;
  private final Block block;
  private final String parametersFile;
  private final String optimizerFile;
  private final int trainSize;
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;

  /**
   * @param manager the manager that owns the block
   * @param block the network to train
   * @param hp {@code learning_rate}, {@code schedule}, {@code batch_size}, {@code epochs} and, if
   *     defined and positive, {@code steps}, which size the schedule
   * @param trainSize examples per epoch
   * @param parametersFile the checkpoint file of the parameters, e.g. {@code model.params}
   * @param optimizerFile the checkpoint file of the optimizer state
   */
  protected AdamTrainingTask(
      NDManager manager,
      Block block,
      Hyperparameters hp,
      int trainSize,
      String parametersFile,
      String optimizerFile) {
    this.manager = manager;
    this.block = block;
    this.parametersFile = parametersFile;
    this.optimizerFile = optimizerFile;
    this.trainSize = trainSize;
    double rate = hp.getDouble("learning_rate");
    int batch = hp.getInt("batch_size");
    long steps = hp.has("steps") ? hp.getInt("steps") : 0;
    long total = steps > 0 ? steps : (long) (trainSize + batch - 1) / batch * hp.getInt("epochs");
    this.schedule = Schedule.of(hp.get("schedule"), rate, total, 0);
    this.optimizerScope = manager.newSubManager();
    this.optimizer = Adam.of(optimizerScope, (float) rate);
  }

  /** Updates the block from its gradients at the schedule's rate for the next step. */
  protected void step() {
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(block);
  }

  /** The optimizer steps taken so far, counting those before a resume. */
  protected long stepsTaken() {
    return optimizer.steps();
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public int trainSize() {
    return trainSize;
  }

  @Override
  public void save(CheckpointWriter writer) {
    writer.putParameters(parametersFile, block);
    writer.put(optimizerFile, optimizer::save);
  }

  /** Restores the parameters and, when the checkpoint has it, the optimizer's state. */
  @Override
  public void restore(Checkpoint checkpoint) {
    checkpoint.loadParameters(parametersFile, block, manager);
    if (!checkpoint.has(optimizerFile)) {
      return;
    }
    try (DataInputStream in = checkpoint.open(optimizerFile)) {
      optimizer.load(in);
    } catch (IOException e) {
      throw new ZooException(
          "Checkpoint " + checkpoint.dir() + " is corrupted: the optimizer state cannot be read.",
          e);
    }
  }

  /** Frees the optimizer's state. */
  @Override
  public void close() {
    optimizerScope.close();
  }
}
