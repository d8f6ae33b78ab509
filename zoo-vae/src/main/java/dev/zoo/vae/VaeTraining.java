package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.AdamCheckpoints;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a {@link VariationalAutoencoder} on the negative ELBO (with the KL term weighted by {@code
 * beta}) with Adam, and evaluates and draws it on the test set after every epoch.
 */
final class VaeTraining implements TrainingTask, AutoCloseable {

  private final VariationalAutoencoder model;
  private final ImageSet train;
  private final ImageSet test;
  private final int heldOut;
  private final float beta;
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;
  private final float[] pixels;
  private final float[] noise;

  /**
   * @param heldOut the class left out of training, whose ROC-AUC is measured on the test set, or -1
   */
  VaeTraining(VariationalAutoencoder model, ImageSet train, ImageSet test, int heldOut) {
    this.model = model;
    this.train = train;
    this.test = test;
    this.heldOut = heldOut;
    var hp = model.hyperparameters();
    this.beta = (float) hp.getDouble("beta");
    this.optimizerScope = model.manager().newSubManager();
    this.optimizer = Adam.of(optimizerScope, (float) hp.getDouble("learning_rate"));
    int batch = hp.getInt("batch_size");
    long stepsPerEpoch = (train.size() + batch - 1) / batch;
    long steps = hp.has("steps") && hp.getInt("steps") > 0 ? hp.getInt("steps") : 0;
    this.schedule =
        Schedule.of(
            hp.get("schedule"),
            hp.getDouble("learning_rate"),
            steps > 0 ? steps : stepsPerEpoch * hp.getInt("epochs"),
            0);
    this.pixels = new float[batch * train.height() * train.width()];
    this.noise = new float[batch * model.latentDim()];
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return train.size();
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
    Noise.fill(Noise.forStep(model.seed(), optimizer.steps() + 1), noise, 0, n * model.latentDim());
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
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(model.network());
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
  public void save(CheckpointWriter writer) {
    writer.putParameters(VariationalAutoencoder.PARAMETERS, model.network());
    AdamCheckpoints.save(writer, VariationalAutoencoder.OPTIMIZER, optimizer);
  }

  @Override
  public void restore(Checkpoint checkpoint) {
    checkpoint.loadParameters(VariationalAutoencoder.PARAMETERS, model.network(), model.manager());
    AdamCheckpoints.restore(checkpoint, VariationalAutoencoder.OPTIMIZER, optimizer);
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.describe(epoch, metrics);
  }

  @Override
  public void close() {
    optimizerScope.close();
  }
}
