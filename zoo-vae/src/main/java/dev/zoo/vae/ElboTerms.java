package dev.zoo.vae;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two terms of a VAE's negative evidence lower bound for one image or averaged over images, in
 * nats: the reconstruction term (binary cross-entropy of the image under the decoder's Bernoulli
 * pixels, summed over pixels) and the KL divergence of q(z|x) from the unit Gaussian prior.
 *
 * @param reconstruction the expected negative log-likelihood of the pixels, nats
 * @param kl the KL divergence to the prior, nats
 */
public record ElboTerms(double reconstruction, double kl) {

  /** The negative ELBO, reconstruction plus KL: an upper bound on -log p(x); the anomaly score. */
  public double negativeElbo() {
    return reconstruction + kl;
  }

  /** The three figures under the names {@code zoo eval vae --json} uses. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("negative_elbo", negativeElbo());
    map.put("reconstruction", reconstruction);
    map.put("kl", kl);
    return map;
  }
}
