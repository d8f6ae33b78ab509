package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import dev.zoo.api.nn.Scalars;

/** The per-image terms of the negative ELBO from a forward pass of a {@link VaeNetwork}. */
final class ElboLoss {

  private ElboLoss() {}

  /**
   * The reconstruction term and the KL term of each image, two arrays of shape (N).
   *
   * @param images the targets in [0, 1], (N, 1, H, W)
   * @param logits the decoder's Bernoulli logits, same shape
   * @param mean the means of q(z|x), (N, latent)
   * @param logVariance the log-variances of q(z|x), (N, latent)
   */
  static NDList perImage(NDArray images, NDArray logits, NDArray mean, NDArray logVariance) {
    long n = images.getShape().get(0);
    // Binary cross-entropy from logits, softplus(l) - x * l, never takes the log of 0 or 1.
    NDArray crossEntropy = Activation.softPlus(logits).sub(logits.mul(images));
    NDArray reconstruction = crossEntropy.reshape(n, -1).sum(new int[] {1});
    NDArray kl =
        Scalars.mul(
            mean.square().add(logVariance.exp()).sub(logVariance).sub(1f).sum(new int[] {1}), 0.5f);
    return new NDList(reconstruction, kl);
  }
}
