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
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.train.TrainingTask;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains both networks of an {@link ImageGenerator}: every batch is one discriminator (critic)
 * step, and every {@code critic_steps}-th batch also one generator step. After each epoch it draws
 * the fixed noise into {@code samples-epoch-NNN.png} and {@code samples.png}.
 */
final class GanTraining implements TrainingTask, AutoCloseable {

  static final String FIXED_NOISE = "fixed-noise.bin";
  static final String SAMPLES_PNG = "samples.png";
  private static final String G_OPTIMIZER = "generator-optimizer.state";
  private static final String D_OPTIMIZER = "discriminator-optimizer.state";

  private final ImageGenerator model;
  private final ImageSet train;
  private final Objective objective;
  private final NDManager optimizerScope;
  private final NetworkOptimizer gOptimizer;
  private final NetworkOptimizer dOptimizer;
  private final int criticSteps;
  private final float clip;
  private final float[] pixels;
  private final Function<ImageGenerator, Map<String, Double>> probe;
  private double lastGeneratorLoss = Double.NaN;

  /**
   * Trains {@code model} on {@code train}; {@code probe}, if not null, adds its measurements of the
   * model to every epoch's metrics.
   */
  GanTraining(
      ImageGenerator model, ImageSet train, Function<ImageGenerator, Map<String, Double>> probe) {
    this.model = model;
    this.probe = probe;
    this.train = train;
    Hyperparameters hp = model.hyperparameters();
    this.objective = GanFamily.objective(model.variant());
    this.optimizerScope = model.manager().newSubManager();
    this.gOptimizer = NetworkOptimizer.of(optimizerScope, hp);
    this.dOptimizer = NetworkOptimizer.of(optimizerScope, hp);
    this.criticSteps = hp.has("critic_steps") ? hp.getInt("critic_steps") : 1;
    this.clip = hp.has("clip") ? (float) hp.getDouble("clip") : 0f;
    if (criticSteps < 1) {
      throw new ZooException("Critic steps must be a positive number, not " + criticSteps + ".");
    }
    this.pixels = new float[hp.getInt("batch_size") * train.height() * train.width()];
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
    long step = dOptimizer.steps().getAsLong();
    Random random = new Random(model.seed() * 1_000_003L + step);
    Map<String, Double> metrics = discriminatorStep(batch, real, realClasses, random);
    if (step % criticSteps == 0) {
      lastGeneratorLoss = generatorStep(batch, n, random);
    }
    double dLoss = metrics.get("d_loss");
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("loss", dLoss + lastGeneratorLoss);
    result.put("d_loss", dLoss);
    result.put("g_loss", lastGeneratorLoss);
    result.putAll(metrics);
    return result;
  }

  private Map<String, Double> discriminatorStep(
      NDManager batch, NDArray real, int[] realClasses, Random random) {
    int n = realClasses.length;
    int[] fakeClasses = randomClasses(n, random);
    NDArray z = noise(batch, n, random);
    float lossValue;
    float[] realOut;
    float[] fakeOut;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray fake = model.generatorForward(batch, z, fakeClasses, true).stopGradient();
      NDArray realScore = model.discriminatorForward(batch, real, realClasses, true);
      NDArray fakeScore = model.discriminatorForward(batch, fake, fakeClasses, true);
      NDArray loss = objective.discriminatorLoss(realScore, fakeScore);
      collector.backward(loss);
      lossValue = loss.getFloat();
      realOut = realScore.toFloatArray();
      fakeOut = fakeScore.toFloatArray();
    }
    dOptimizer.step().accept(model.discriminatorBlock());
    if (clip > 0) {
      clipWeights(model.discriminatorBlock(), clip);
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

  private double generatorStep(NDManager batch, int n, Random random) {
    int[] classes = randomClasses(n, random);
    NDArray z = noise(batch, n, random);
    float lossValue;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray fake = model.generatorForward(batch, z, classes, true);
      NDArray loss =
          objective.generatorLoss(model.discriminatorForward(batch, fake, classes, true));
      collector.backward(loss);
      lossValue = loss.getFloat();
    }
    gOptimizer.step().accept(model.generatorBlock());
    // The generator's loss also left gradients on the discriminator; engines that add up
    // gradients (PyTorch) would carry them into the next discriminator step.
    zeroGradients(model.discriminatorBlock());
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
    Path file = runDir.resolve(String.format(Locale.ROOT, "samples-epoch-%03d.png", epoch));
    SampleImages.grid(
            model, sampleGrid(), String.format("%s samples after epoch %d", title(), epoch))
        .write(file);
    try {
      Files.copy(file, runDir.resolve(SAMPLES_PNG), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ZooException("Cannot write " + runDir.resolve(SAMPLES_PNG) + ".", e);
    }
    return probe == null ? Map.of() : probe.apply(model);
  }

  private String title() {
    return "gan/" + model.variant();
  }

  private float[][] sampleGrid() {
    float[] noise = model.fixedNoise();
    int[] classes = null;
    if (model.conditional()) {
      classes = new int[ImageGenerator.FIXED_SAMPLES];
      for (int i = 0; i < classes.length; i++) {
        classes[i] = i % model.labels().size();
      }
    }
    return model.generate(noise, classes);
  }

  @Override
  public void save(CheckpointWriter writer) {
    writer.putParameters(ImageGenerator.GENERATOR, model.generatorBlock());
    writer.putParameters(ImageGenerator.DISCRIMINATOR, model.discriminatorBlock());
    writer.put(G_OPTIMIZER, gOptimizer.save());
    writer.put(D_OPTIMIZER, dOptimizer.save());
    writer.put(FIXED_NOISE, model::saveFixedNoise);
  }

  @Override
  public void restore(Checkpoint checkpoint) {
    model.restoreNetworks(checkpoint);
    load(checkpoint, G_OPTIMIZER, gOptimizer);
    load(checkpoint, D_OPTIMIZER, dOptimizer);
  }

  private static void load(Checkpoint checkpoint, String name, NetworkOptimizer optimizer) {
    if (!checkpoint.has(name)) {
      return;
    }
    try (DataInputStream in = checkpoint.open(name)) {
      optimizer.load().load(in);
    } catch (IOException e) {
      throw new ZooException(
          "Checkpoint " + checkpoint.dir() + " is corrupted: " + name + " cannot be read.", e);
    }
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
