package dev.zoo.vae;

import java.util.Random;

/** Standard normal noise for the reparameterisation, drawn on the Java side so runs repeat. */
final class Noise {

  private Noise() {}

  /** Fills {@code count} values of {@code dest} from {@code offset} with N(0, 1) draws. */
  static void fill(Random random, float[] dest, int offset, int count) {
    for (int j = 0; j < count; j++) {
      dest[offset + j] = (float) random.nextGaussian();
    }
  }

  /** A generator that depends only on {@code seed} and the pixels of one image. */
  static Random forImage(long seed, float[] pixels, int offset, int length) {
    int hash = 1;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + Float.floatToIntBits(pixels[i]);
    }
    return new Random(seed * 0x9E3779B97F4A7C15L + hash);
  }

  /** A generator for training step {@code step} of a run with {@code seed}. */
  static Random forStep(long seed, long step) {
    return new Random(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL * step + 11);
  }
}
