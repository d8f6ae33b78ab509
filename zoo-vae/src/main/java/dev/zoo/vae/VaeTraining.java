package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.train.AdamTrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a {@link VariationalAutoencoder} on the negative ELBO (with the KL term weighted by {@code
 * beta}) with Adam, and evaluates and draws it on the test set after every epoch.
 */
final class VaeTraining extends AdamTrainingTask {

  private final VariationalAutoencoder model;
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
    super(
        model.manager(),
        model.network(),
        model.hyperparameters(),
        train.size(),
        VariationalAutoencoder.PARAMETERS,
        VariationalAutoencoder.OPTIMIZER);
    this.model = model;
    this.train = train;
    this.test = test;
    this.heldOut = heldOut;
    this.beta = (float) model.hyperparameters().getDouble("beta");
    int batch = model.hyperparameters().getInt("batch_size");
    this.pixels = new float[batch * train.height() * train.width()];
    this.noise = new float[batch * model.latentDim()];
  }

  @Override
  public String unit() {
    return "images";
  }

  @Override
  public Map<String, Double> trainBatch(NDManager batch, int[] indices) {
    int n = indices.length;
    int size = train.height() * train.width();
    IntStream.range(0, n).forEach(i -> train.copyImage(indices[i], pixels, i * size));
    Noise.fill(Noise.forStep(model.seed(), stepsTaken() + 1), noise, 0, n * model.latentDim());
    float reconstruction;
    float kl;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDList out = model.forward(batch, pixels, noise, n, true);
      NDList terms = ElboLoss.perImage(out.get(0), out.get(1), out.get(2), out.get(3));
      NDArray meanReconstruction = terms.get(0).mean();
      NDArray meanKl = terms.get(1).mean();
      collector.backward(meanReconstruction.add(meanKl.mul(beta)));
      reconstruction = meanReconstruction.getFloat();
      kl = meanKl.getFloat();
    }
    step();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", (double) reconstruction + beta * kl);
    metrics.put("reconstruction", (double) reconstruction);
    metrics.put("kl", (double) kl);
    return metrics;
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

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.describe(epoch, metrics);
  }
}
