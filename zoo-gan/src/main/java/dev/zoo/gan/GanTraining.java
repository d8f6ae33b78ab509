package dev.zoo.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.metrics.ImageJudge;
import dev.zoo.api.train.OptimizerSettings;
import dev.zoo.api.train.ParameterGroup;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import dev.zoo.api.train.TrainingTask;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains both networks of an {@link ImageGenerator} as two parameter groups, {@code generator} and
 * {@code discriminator}, with the same optimizer settings: every step is one discriminator (critic)
 * update on a batch of real images and as many generated ones (followed by WGAN's weight clipping),
 * and every {@code critic_steps}-th step, from the first, also one generator update. Noise and
 * classes come from the step's random source. After each epoch it draws the fixed noise into {@code
 * samples-epoch-NNN.png} and {@code samples.png}.
 */
final class GanTraining implements TrainingTask {

  static final String SAMPLES_PNG = "samples.png";
  static final String GENERATOR = "generator";
  static final String DISCRIMINATOR = "discriminator";

  private final ImageGenerator model;
  private final ImageSet train;
  private final ImageSet validation;
  private final ImageJudge judge;
  private final Objective objective;
  private final int criticSteps;
  private final float clip;
  private final float[] pixels;
  private double lastGeneratorLoss = Double.NaN;

  /**
   * Trains {@code model} on {@code train}. After every epoch, {@code validation} (if not null)
   * gives the discriminator's accuracy on real and generated images, and with {@code judge} (if not
   * null) the Fréchet distance of generated images to it.
   *
   * @throws InvalidSettingException when {@code critic_steps} is not positive
   */
  GanTraining(ImageGenerator model, ImageSet train, ImageSet validation, ImageJudge judge) {
    this.model = model;
    this.train = train;
    this.validation = validation;
    this.judge = judge;
    Hyperparameters hp = model.hyperparameters();
    this.objective = GanFamily.objective(model.variant());
    this.criticSteps = hp.has("critic_steps") ? hp.getInt("critic_steps") : 1;
    this.clip = hp.has("clip") ? (float) hp.getDouble("clip") : 0f;
    if (criticSteps < 1) {
      throw new InvalidSettingException(
          "Critic steps must be a positive number, not " + criticSteps + ".");
    }
    this.pixels = new float[hp.getInt("batch_size") * train.height() * train.width()];
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    OptimizerSettings settings = OptimizerSettings.from(model.hyperparameters());
    return List.of(
        new ParameterGroup(model.nets().generator(), settings, "generator-optimizer.state"),
        new ParameterGroup(
            model.nets().discriminator(), settings, "discriminator-optimizer.state"));
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
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    int size = train.height() * train.width();
    int[] realClasses = new int[n];
    for (int i = 0; i < n; i++) {
      train.copyImage(indices[i], pixels, i * size);
      realClasses[i] = train.label(indices[i]);
    }
    for (int i = 0; i < n * size; i++) {
      pixels[i] = pixels[i] * 2f - 1f;
    }
    NDArray real =
        batch.create(
            FloatBuffer.wrap(pixels, 0, n * size),
            new Shape(n, 1, train.height(), train.width()),
            DataType.FLOAT32);
    Random random = step.random();
    Map<String, Double> d = discriminatorStep(step, real, realClasses, random);
    if ((step.number() - 1) % criticSteps == 0) {
      lastGeneratorLoss = generatorStep(step, n, random);
    }
    // Until a resumed run's first generator step, the generator's loss is unknown.
    boolean known = !Double.isNaN(lastGeneratorLoss);
    StepMetrics metrics =
        StepMetrics.loss(d.get("d_loss") + (known ? lastGeneratorLoss : 0))
            .put("d_loss", d.get("d_loss"));
    if (known) {
      metrics.put("g_loss", lastGeneratorLoss);
    }
    return metrics
        .put("d_real", d.get("d_real"))
        .put("d_fake", d.get("d_fake"))
        .put("d_accuracy", d.get("d_accuracy"));
  }

  private Map<String, Double> discriminatorStep(
      TrainingStep step, NDArray real, int[] realClasses, Random random) {
    NDManager batch = step.manager();
    int n = realClasses.length;
    int[] fakeClasses = randomClasses(n, random);
    NDArray z = noise(batch, n, random);
    float lossValue;
    float[] realOut;
    float[] fakeOut;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray fake = model.nets().generate(batch, z, fakeClasses, true).stopGradient();
      NDArray realScore = model.nets().discriminate(batch, real, realClasses, true);
      NDArray fakeScore = model.nets().discriminate(batch, fake, fakeClasses, true);
      NDArray loss = objective.discriminatorLoss(realScore, fakeScore);
      collector.backward(loss);
      lossValue = loss.getFloat();
      realOut = realScore.toFloatArray();
      fakeOut = fakeScore.toFloatArray();
    }
    step.update(DISCRIMINATOR);
    if (clip > 0) {
      clipWeights(model.nets().discriminator().block(), clip);
    }
    float[] realScores = objective.scores(realOut);
    float[] fakeScores = objective.scores(fakeOut);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("d_loss", (double) lossValue);
    metrics.put("d_real", (double) Objective.mean(realScores));
    metrics.put("d_fake", (double) Objective.mean(fakeScores));
    metrics.put("d_accuracy", objective.accuracy(realScores, fakeScores));
    return metrics;
  }

  private double generatorStep(TrainingStep step, int n, Random random) {
    NDManager batch = step.manager();
    int[] classes = randomClasses(n, random);
    NDArray z = noise(batch, n, random);
    float lossValue;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray fake = model.nets().generate(batch, z, classes, true);
      NDArray loss = objective.generatorLoss(model.nets().discriminate(batch, fake, classes, true));
      collector.backward(loss);
      lossValue = loss.getFloat();
    }
    step.update(GENERATOR);
    // The generator's loss also left gradients on the discriminator; engines that add up
    // gradients (PyTorch) would carry them into the next discriminator step.
    zeroGradients(model.nets().discriminator().block());
    return lossValue;
  }

  private NDArray noise(NDManager batch, int n, Random random) {
    int latent = model.latent();
    float[] z = new float[n * latent];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return batch.create(z, new Shape(n, latent));
  }

  private int[] randomClasses(int n, Random random) {
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = random.nextInt(model.labels().size());
    }
    return classes;
  }

  private static void zeroGradients(Block block) {
    for (Pair<String, Parameter> pair : block.getParameters()) {
      NDArray weight = pair.getValue().getArray();
      if (pair.getValue().requiresGradient() && weight.hasGradient()) {
        NDArray grad = weight.getGradient();
        grad.subi(grad);
        grad.close();
      }
    }
  }

  /** Clips every weight of the critic into [-c, c] in place (WGAN's Lipschitz constraint). */
  private static void clipWeights(Block block, float c) {
    for (Pair<String, Parameter> pair : block.getParameters()) {
      if (pair.getValue().requiresGradient()) {
        NDArray weight = pair.getValue().getArray();
        try (NDArray excess = weight.sub(weight.clip(-c, c))) {
          weight.subi(excess);
        }
      }
    }
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    writeSamples(epoch, runDir);
    Map<String, Double> result = new LinkedHashMap<>();
    if (validation != null) {
      result.put(
          "validation_d_accuracy", model.nets().discriminatorAccuracy(validation, model.seed()));
      if (judge != null) {
        result.put("fd", QualityReport.measure(model, validation, judge, model.seed()).fd());
      }
    }
    return result;
  }

  /** Draws the fixed noise (a conditional model: class {@code i mod classes}) into the grids. */
  private void writeSamples(int epoch, Path runDir) {
    int[] classes = null;
    int columns = ImageGrid.DEFAULT_COLUMNS;
    if (model.conditional()) {
      classes = new int[FixedNoise.SAMPLES];
      for (int i = 0; i < classes.length; i++) {
        classes[i] = i % model.labels().size();
      }
      columns = model.labels().size();
    }
    Path file = runDir.resolve(String.format(Locale.ROOT, "samples-epoch-%03d.png", epoch));
    ImageGrid.builder(model.height(), model.width())
        .columns(columns)
        .scale(3)
        .title(String.format("gan/%s samples after epoch %d", model.variant(), epoch))
        .addAll(model.nets().draw(model.fixedNoise().values(), classes).pixels())
        .write(file);
    try {
      Files.copy(file, runDir.resolve(SAMPLES_PNG), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ZooException("Cannot write " + runDir.resolve(SAMPLES_PNG) + ".", e);
    }
  }

  @Override
  public void saveState(CheckpointWriter writer) {
    model.fixedNoise().save(writer);
  }

  @Override
  public void restoreState(Checkpoint checkpoint) {
    model.fixedNoise().restore(checkpoint);
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.checkpointInfo(epoch, metrics);
  }
}
