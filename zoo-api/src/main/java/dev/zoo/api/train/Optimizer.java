package dev.zoo.api.train;

import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * An optimizer whose state belongs to the zoo, so that a checkpoint stores it and a resumed run
 * continues exactly where it stopped (DJL's own optimizers keep their state private). Built from
 * hyper-parameters by {@link OptimizerSettings#create}; the training template owns it and closes
 * it.
 */
public interface Optimizer extends AutoCloseable {

  /**
   * Updates every trainable parameter of {@code block} from its gradient at the current learning
   * rate, then clears the gradients, so that engines that add up gradients (PyTorch) start the next
   * backward pass from zero.
   */
  void step(Block block);

  /** The number of updates made so far, counting those before a resume. */
  long steps();

  /** Sets the learning rate of the next updates, e.g. from a schedule. */
  void setLearningRate(float learningRate);

  /** Writes the state (step count and per-parameter statistics). */
  void save(DataOutputStream out) throws IOException;

  /**
   * Reads what {@link #save} wrote, replacing the current state.
   *
   * @throws IOException when the stream cannot be read or ends early
   * @throws dev.zoo.api.common.CheckpointException when it holds another optimizer's state
   */
  void load(DataInputStream in) throws IOException;

  /** Frees the state's native memory. */
  @Override
  void close();
}
