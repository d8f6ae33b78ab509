package dev.zoo.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.RMSprop;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The optimizer of one of the two networks, with state a checkpoint can store: the zoo's Adam or
 * RMSprop seen through the four operations training needs.
 *
 * @param step updates a block's parameters from their gradients and clears the gradients
 * @param steps the number of updates so far
 * @param save writes the state
 * @param load reads what {@code save} wrote
 */
record NetworkOptimizer(
    Consumer<Block> step, LongSupplier steps, CheckpointWriter.Content save, Loader load) {

  /** Reads optimizer state. */
  @FunctionalInterface
  interface Loader {
    void load(DataInputStream in) throws IOException;
  }

  /**
   * The optimizer a variant's hyper-parameters call for: Adam when they have {@code beta1}, else
   * RMSprop (WGAN).
   */
  static NetworkOptimizer of(NDManager manager, Hyperparameters hp) {
    float lr = (float) hp.getDouble("learning_rate");
    if (!hp.has("beta1")) {
      RMSprop rmsprop = RMSprop.of(manager, lr);
      return new NetworkOptimizer(rmsprop::step, rmsprop::steps, rmsprop::save, rmsprop::load);
    }
    Adam adam = new Adam(manager, lr, (float) hp.getDouble("beta1"), 0.999f, 0f, false);
    return new NetworkOptimizer(adam::step, adam::steps, adam::save, adam::load);
  }
}
