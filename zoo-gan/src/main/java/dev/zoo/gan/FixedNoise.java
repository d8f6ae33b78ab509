package dev.zoo.gan;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.CheckpointException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * The noise a GAN draws its per-epoch sample grids from: {@value #SAMPLES} standard normal vectors
 * of {@code latent_dim} values, kept in checkpoints as {@value #FILE} (an int count, then the
 * values as big-endian floats) so that the grids of a resumed run show the same noise.
 */
final class FixedNoise {

  /** The checkpoint file. */
  static final String FILE = "fixed-noise.bin";

  /** The number of noise vectors, one per image of a sample grid. */
  static final int SAMPLES = 64;

  private final int latent;
  private float[] values;

  /** Noise of {@code latent} values per vector, drawn from {@code seed}. */
  FixedNoise(int latent, long seed) {
    this.latent = latent;
    this.values = gaussian(SAMPLES * latent, seed);
  }

  /** {@code n} standard normal values from {@code seed}, the same on every engine. */
  static float[] gaussian(int n, long seed) {
    Random random = new Random(seed);
    float[] z = new float[n];
    for (int i = 0; i < n; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return z;
  }

  /** The values, {@code SAMPLES * latent_dim} of them, vector after vector. */
  float[] values() {
    return values;
  }

  /** Adds the noise to a checkpoint being written. */
  void save(CheckpointWriter writer) {
    writer.put(FILE, this::write);
  }

  private void write(DataOutputStream out) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  /**
   * Takes over the noise stored in {@code checkpoint}, if it holds any.
   *
   * @throws CheckpointException when the file cannot be read or holds another number of values
   */
  void restore(Checkpoint checkpoint) {
    if (!checkpoint.has(FILE)) {
      return;
    }
    try (DataInputStream in = checkpoint.open(FILE)) {
      int n = in.readInt();
      if (n != SAMPLES * latent) {
        throw new IOException("wrong length " + n);
      }
      float[] read = new float[n];
      for (int i = 0; i < n; i++) {
        read[i] = in.readFloat();
      }
      values = read;
    } catch (IOException e) {
      throw new CheckpointException(
          "Checkpoint " + checkpoint.dir() + " is corrupted: its fixed noise cannot be read.", e);
    }
  }
}
