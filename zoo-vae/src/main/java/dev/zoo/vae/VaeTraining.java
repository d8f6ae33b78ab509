package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.nn.Scalars;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a {@link VariationalAutoencoder} on the negative ELBO with the KL term weighted by {@code
 * beta} (Higgins et al., "beta-VAE", 2017; {@code beta} 1 is the plain VAE), drawing z with the
 * reparameterisation trick, and evaluates and draws it on the test set after every epoch.
 */
final class VaeTraining extends SingleNetworkTask<VariationalAutoencoder> {

  private final ImageSet train;
  private final ImageSet test;
  private final int heldOut;
  private final float beta;
  private final float[] pixels;
  private final float[] noise;

  /**
   * @param heldOut the class left out of training, whose ROC-AUC is measured on the test set, or -1
   */
  VaeTraining(VariationalAutoencoder model, ImageSet train, ImageSet test, int heldOut) {
    super(model, train.size(), "images");
    this.train = train;
    this.test = test;
    this.heldOut = heldOut;
    this.beta = (float) model.hyperparameters().getDouble("beta");
    int batch = model.hyperparameters().getInt("batch_size");
    this.pixels = new float[batch * train.height() * train.width()];
    this.noise = new float[batch * model.latentDim()];
  }

  /**
   * One step on the batch's images. The noise of the reparameterisation comes from {@link
   * Noise#forStep}, which depends only on the seed and the step's number (as {@link
   * TrainingStep#random()} does), so that runs and resumed runs repeat those of earlier versions.
   */
  @Override
  public StepMetrics trainStep(TrainingStep step) {
    int[] indices = step.indices();
    int n = indices.length;
    int size = train.height() * train.width();
    for (int i = 0; i < n; i++) {
      train.copyImage(indices[i], pixels, i * size);
    }
    Noise.fill(Noise.forStep(model.seed(), step.number()), noise, 0, n * model.latentDim());
    NDArray reconstruction;
    NDArray kl;
    NDArray loss;
    try (GradientCollector collector = step.manager().getEngine().newGradientCollector()) {
      NDList out = model.forward(step.manager(), pixels, noise, n);
      NDList terms = ElboLoss.perImage(out.get(0), out.get(1), out.get(2), out.get(3));
      reconstruction = terms.get(0).mean();
      kl = terms.get(1).mean();
      loss = reconstruction.add(Scalars.mul(kl, beta));
      collector.backward(loss);
    }
    step.update();
    return StepMetrics.loss(loss).put("reconstruction", reconstruction).put("kl", kl);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    TestResult measured = TestResult.measure(model, test, heldOut);
    ElboTerms terms = measured.terms();
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("test_reconstruction", terms.reconstruction());
    result.put("test_kl", terms.kl());
    result.put("test_negative_elbo", terms.negativeElbo());
    if (measured.holdoutAuc() != null) {
      result.put("holdout_auc", measured.holdoutAuc());
    }
    VaePictures.write(model, test, measured.scores(), runDir, epoch);
    return result;
  }
}
