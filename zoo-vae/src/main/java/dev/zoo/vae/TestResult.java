package dev.zoo.vae;

import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.RocAuc;

/**
 * A VAE measured on a test set: the negative ELBO terms averaged over the images of the classes it
 * was trained on, and, when a class was held out, how well the negative ELBO tells that class from
 * the rest (ROC-AUC over the whole test set).
 *
 * @param terms average terms, nats per image
 * @param images how many images the average is over
 * @param holdoutAuc the held-out class's ROC-AUC, or null without a held-out class
 * @param scores every test image's terms and latent mean
 */
record TestResult(ElboTerms terms, int images, Double holdoutAuc, ImageScores scores) {

  /** Measures {@code model} on {@code test}; {@code heldOut} is a class index or -1. */
  static TestResult measure(VariationalAutoencoder model, ImageSet test, int heldOut) {
    model.checkData(test, "test");
    ImageScores scores = model.scoreAll(test);
    if (heldOut < 0) {
      return new TestResult(scores.average(null), test.size(), null, scores);
    }
    boolean[] anomalous = Holdout.mask(test, heldOut);
    boolean[] normal = new boolean[anomalous.length];
    int count = 0;
    for (int i = 0; i < normal.length; i++) {
      normal[i] = !anomalous[i];
      count += normal[i] ? 1 : 0;
    }
    double auc = RocAuc.of(scores.negativeElbo(), anomalous);
    return new TestResult(scores.average(normal), count, auc, scores);
  }
}
