package dev.zoo.gan;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.nn.Scalars;

/**
 * What the two networks optimise: the standard GAN loss on logits (with the generator's
 * non-saturating form) or the Wasserstein critic loss.
 */
enum Objective {
  /** Binary cross-entropy on the discriminator's logits. */
  STANDARD {
    @Override
    NDArray discriminatorLoss(NDArray real, NDArray fake) {
      return softplus(real.neg()).mean().add(softplus(fake).mean());
    }

    @Override
    NDArray generatorLoss(NDArray fake) {
      return softplus(fake.neg()).mean();
    }

    @Override
    float[] scores(float[] logits) {
      float[] p = new float[logits.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
      }
      return p;
    }

    @Override
    float threshold(float[] real, float[] fake) {
      return 0.5f;
    }
  },

  /** The critic's estimate of the Wasserstein distance, D(x) - D(G(z)), maximised by the critic. */
  WASSERSTEIN {
    @Override
    NDArray discriminatorLoss(NDArray real, NDArray fake) {
      return fake.mean().sub(real.mean());
    }

    @Override
    NDArray generatorLoss(NDArray fake) {
      return fake.mean().neg();
    }

    @Override
    float[] scores(float[] critic) {
      return critic;
    }

    @Override
    float threshold(float[] real, float[] fake) {
      return (mean(real) + mean(fake)) / 2;
    }
  };

  /** The discriminator's loss from its outputs on real and generated images. */
  abstract NDArray discriminatorLoss(NDArray real, NDArray fake);

  /** The generator's loss from the discriminator's outputs on generated images. */
  abstract NDArray generatorLoss(NDArray fake);

  /** The outputs as reported: probabilities for the standard loss, critic values otherwise. */
  abstract float[] scores(float[] outputs);

  /** The score above which an image counts as judged real. */
  abstract float threshold(float[] realScores, float[] fakeScores);

  /** The share of real scores above, and fake scores at or below, the threshold. */
  double accuracy(float[] realScores, float[] fakeScores) {
    float threshold = threshold(realScores, fakeScores);
    int right = 0;
    for (float s : realScores) {
      right += s > threshold ? 1 : 0;
    }
    for (float s : fakeScores) {
      right += s <= threshold ? 1 : 0;
    }
    return right / (double) Math.max(1, realScores.length + fakeScores.length);
  }

  static float mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return (float) (sum / Math.max(1, values.length));
  }

  /** log(1 + e^x), computed without overflow for large |x|. */
  static NDArray softplus(NDArray x) {
    return Scalars.maximum(x, 0f).add(x.abs().neg().exp().add(1f).log());
  }
}
