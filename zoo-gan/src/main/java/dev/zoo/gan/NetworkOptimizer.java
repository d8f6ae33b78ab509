package dev.zoo.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.zoo.api.Hyperparameters;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.RMSprop;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The optimizer of one of the two networks, with state a checkpoint can store. */
interface NetworkOptimizer {

  /** Updates the block's parameters from their gradients and clears the gradients. */
  void step(Block block);

  /** The number of updates so far. */
  long steps();

  /** Writes the state. */
  void save(DataOutputStream out) throws IOException;

  /** Reads what {@link #save} wrote. */
  void load(DataInputStream in) throws IOException;

  /**
   * The optimizer a variant's hyper-parameters call for: Adam when they have {@code beta1}, else
   * RMSprop (WGAN).
   */
  static NetworkOptimizer of(NDManager manager, Hyperparameters hp) {
    if (!hp.has("beta1")) {
      RMSprop rmsprop = RMSprop.of(manager, (float) hp.getDouble("learning_rate"));
      return new NetworkOptimizer() {
        @Override
        public void step(Block block) {
          rmsprop.step(block);
        }

        @Override
        public long steps() {
          return rmsprop.steps();
        }

        @Override
        public void save(DataOutputStream out) throws IOException {
          rmsprop.save(out);
        }

        @Override
        public void load(DataInputStream in) throws IOException {
          rmsprop.load(in);
        }
      };
    }
    Adam adam =
        new Adam(
            manager,
            (float) hp.getDouble("learning_rate"),
            (float) hp.getDouble("beta1"),
            0.999f,
            0f,
            false);
    return new NetworkOptimizer() {
      @Override
      public void step(Block block) {
        adam.step(block);
      }

      @Override
      public long steps() {
        return adam.steps();
      }

      @Override
      public void save(DataOutputStream out) throws IOException {
        adam.save(out);
      }

      @Override
      public void load(DataInputStream in) throws IOException {
        adam.load(in);
      }
    };
  }
}
