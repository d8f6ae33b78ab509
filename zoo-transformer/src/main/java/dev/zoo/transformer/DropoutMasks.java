package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
 * Overfitting", JMLR 2014): each element is zeroed with probability {@code rate} and the kept ones
 * are scaled by {@code 1 / (1 - rate)}, so the expected value is unchanged and inference needs no
 * rescaling.
 *
 * <p>The masks are drawn on the host from a {@link SplittableRandom} seeded by the training step,
 * not by the engine's dropout operator, so that a training step computes the same loss and
 * gradients on every engine from the same weights, batch and seed, and a run can be repeated from
 * its seed on any engine. The engines' own dropout operators draw from their own random sources (on
 * PyTorch libtorch's Bernoulli kernel): the same step then meant a different computation on each
 * engine. The default char-gpt draws about 25 million mask elements per step, about 0.1 to 0.3 s on
 * one core, under a tenth of the step.
 *
 * <p>Not thread-safe: one instance serves one forward pass, and the order of the calls decides
 * which random numbers each mask gets.
 */
final class DropoutMasks {

  private static final int BITS = 24;

  private final SplittableRandom random;

  /** Masks drawn from the random stream of {@code seed}. */
  DropoutMasks(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Masks for a forward pass that has no step seed (a block called through DJL's API). */
  static DropoutMasks unseeded() {
    return new DropoutMasks(new SplittableRandom().nextLong());
  }

  /**
   * Applies dropout to {@code x} (any shape, float32).
   *
   * @param rate the probability of dropping an element, in [0, 1); 0 returns {@code x} itself
   * @return {@code x} times a fresh mask of 0 and {@code 1 / (1 - rate)}, in {@code x}'s manager
   */
  NDArray apply(NDArray x, float rate) {
    if (rate <= 0) {
      return x;
    }
    int size = Math.toIntExact(x.size());
    // An element is kept when 24 random bits, read as an integer in [0, 2^24), reach the threshold;
    // the sign bit of (threshold - 1 - bits) says so without a branch.
    int last = (int) Math.round(rate * (double) (1 << BITS)) - 1;
    byte[] keep = new byte[size];
    for (int i = 0; i < size; i++) {
      keep[i] =
          (byte) ((last - (random.nextInt() >>> (Integer.SIZE - BITS))) >>> (Integer.SIZE - 1));
    }
    NDArray mask =
        x.getManager()
            .create(keep, x.getShape())
            .toType(x.getDataType(), false)
            .mul(1f / (1f - rate));
    return x.mul(mask);
  }
}
