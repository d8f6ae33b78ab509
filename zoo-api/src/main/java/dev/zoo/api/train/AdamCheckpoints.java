package dev.zoo.api.train;

import dev.zoo.api.ZooException;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.io.DataInputStream;
import java.io.IOException;

/** Stores an {@link Adam}'s state in a checkpoint file and reads it back on resume. */
public final class AdamCheckpoints {

  private AdamCheckpoints() {}

  /** Adds the optimizer's state to a checkpoint being written, as file {@code name}. */
  public static void save(CheckpointWriter writer, String name, Adam optimizer) {
    writer.put(name, optimizer::save);
  }

  /**
   * Restores the optimizer's state from file {@code name}; a checkpoint without it (one saved for
   * inference) leaves the optimizer fresh.
   *
   * @throws ZooException when the file cannot be read
   */
  public static void restore(Checkpoint checkpoint, String name, Adam optimizer) {
    if (!checkpoint.has(name)) {
      return;
    }
    try (DataInputStream in = checkpoint.open(name)) {
      optimizer.load(in);
    } catch (IOException e) {
      throw new ZooException(
          "Checkpoint " + checkpoint.dir() + " is corrupted: the optimizer state cannot be read.",
          e);
    }
  }
}
