package dev.zoo.rnn;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.train.Adam;
import java.io.DataInputStream;
import java.io.IOException;

/** Reads the Adam state a checkpoint holds, when it holds one, into a running optimizer. */
final class OptimizerState {

  private OptimizerState() {}

  static void restore(Checkpoint checkpoint, String file, Adam optimizer) {
    if (!checkpoint.has(file)) {
      return;
    }
    DataInputStream in = null;
    IOException failure = null;
    try {
      in = checkpoint.open(file);
      optimizer.load(in);
    } catch (IOException e) {
      failure = e;
    } finally {
      closeQuietly(in);
    }
    if (failure != null) {
      throw new ZooException(
          "Checkpoint " + checkpoint.dir() + " is damaged: its optimizer state cannot be read.",
          failure);
    }
  }

  private static void closeQuietly(DataInputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Everything needed was read; a failure to close a read-only file changes nothing.
      }
    }
  }
}
