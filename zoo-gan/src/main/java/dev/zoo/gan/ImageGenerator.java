package dev.zoo.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.zoo.api.ImageModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A generative adversarial network of the GAN family, usable from any application: build or load
 * one, train it on an {@link ImageSet}, save it, and draw images from noise. Close it to free its
 * native memory.
 *
 * <pre>{@code
 * ImageSet photos = ImageFolderReader.read(Path.of("photos"), 28, 28);
 * try (ImageGenerator gan = ImageGenerator.builder().set("epochs", 3).build()) {
 *   gan.fit(photos, Path.of("runs/photos"));
 * }
 * try (ImageGenerator gan = ImageGenerator.load(Path.of("runs/photos"))) {
 *   float[][] images = gan.generate(16, 7); // 16 images in [0, 1], repeatable with seed 7
 * }
 * }</pre>
 */
public final class ImageGenerator implements AutoCloseable {

  static final String GENERATOR = "generator.params";
  static final String DISCRIMINATOR = "discriminator.params";
  static final int FIXED_SAMPLES = 64;
  private static final int BATCH = 256;

  private final String variant;
  private final Hyperparameters hp;
  private final List<String> labels;
  private final int height;
  private final int width;
  private final EngineChoice choice;
  private final long seed;
  private final int latent;
  private final boolean conditional;
  private final NDManager manager;
  private final Block generator;
  private final Block discriminator;
  private float[] fixedNoise;

  ImageGenerator(
      String variant,
      Hyperparameters hp,
      List<String> labels,
      int height,
      int width,
      EngineChoice choice,
      long seed) {
    checkSize(height, width);
    this.variant = variant;
    this.hp = hp;
    this.labels = List.copyOf(labels);
    this.height = height;
    this.width = width;
    this.choice = choice;
    this.seed = seed;
    this.latent = hp.getInt("latent");
    if (latent <= 0) {
      throw new ZooException(
          "The noise size 'latent' must be a positive number, not " + latent + ".");
    }
    this.conditional = GanFamily.isConditional(variant);
    this.fixedNoise = noise(FIXED_SAMPLES, seed + 1);
    this.manager = choice.newModelManager(seed);
    int kernel = hp.has("kernel") ? hp.getInt("kernel") : 5;
    this.generator = Networks.generator(variant, height, width, kernel);
    this.discriminator = Networks.discriminator(variant);
    int extra = conditional ? labels.size() : 0;
    generator.initialize(manager, DataType.FLOAT32, new Shape(1, latent + extra));
    discriminator.initialize(manager, DataType.FLOAT32, new Shape(1, 1 + extra, height, width));
  }

  private static void checkSize(int height, int width) {
    if (height < 8 || width < 8 || height % 4 != 0 || width % 4 != 0) {
      throw new ZooException(
          "Images for the GAN family must be at least 8x8 with sides divisible by 4, not "
              + height
              + "x"
              + width
              + ".");
    }
  }

  /** Starts a builder for a new, untrained GAN. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved GAN on the best engine that can run it. */
  public static ImageGenerator load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved GAN on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static ImageGenerator load(Path checkpoint, String engine) {
    return SavedModels.load(new GanFamily(), checkpoint, engine, ImageGenerator::load);
  }

  static ImageGenerator load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    List<Integer> shape = info.inputShape();
    ImageGenerator model =
        new ImageGenerator(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            info.labels(),
            shape.get(1),
            shape.get(2),
            choice,
            info.seed());
    try {
      model.restoreNetworks(cp);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  void restoreNetworks(Checkpoint cp) {
    cp.loadParameters(GENERATOR, generator, manager);
    cp.loadParameters(DISCRIMINATOR, discriminator, manager);
    if (cp.has(GanTraining.FIXED_NOISE)) {
      try (DataInputStream in = cp.open(GanTraining.FIXED_NOISE)) {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readFloat();
        }
        if (values.length != FIXED_SAMPLES * latent) {
          throw new IOException("wrong length " + values.length);
        }
        fixedNoise = values;
      } catch (IOException e) {
        throw new ZooException(
            "Checkpoint " + cp.dir() + " is corrupted: its fixed noise cannot be read.", e);
      }
    }
  }

  void saveFixedNoise(DataOutputStream out) throws IOException {
    out.writeInt(fixedNoise.length);
    for (float v : fixedNoise) {
      out.writeFloat(v);
    }
  }

  /**
   * Trains with the hyper-parameters' epochs and batch size on every image of {@code train},
   * writing the run (checkpoint, sample grids) into {@code runDir}.
   */
  public TrainingSummary fit(ImageSet train, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(train, runDir, null, System.err, false);
  }

  TrainingSummary fit(
      ImageSet train, Path runDir, Checkpoint resume, PrintStream log, boolean interactive) {
    return fit(train, runDir, resume, log, interactive, null);
  }

  TrainingSummary fit(
      ImageSet train,
      Path runDir,
      Checkpoint resume,
      PrintStream log,
      boolean interactive,
      Function<ImageGenerator, Map<String, Double>> probe) {
    TrainingLoop.checkSettings(hp);
    checkData(train);
    try (GanTraining task = new GanTraining(this, train, probe)) {
      return TrainingLoop.builder(task)
          .epochs(hp.getInt("epochs"))
          .steps(hp.has("steps") ? hp.getInt("steps") : 0)
          .batchSize(hp.getInt("batch_size"))
          .seed(seed)
          .runDir(runDir)
          .log(log)
          .interactive(interactive)
          .build()
          .run(resume);
    }
  }

  void checkData(ImageSet data) {
    if (data.size() == 0) {
      throw new ZooException("The training data holds no images.");
    }
    if (data.height() != height || data.width() != width) {
      throw new ZooException(
          String.format(
              Locale.ROOT,
              "The training images are %dx%d but the model takes %dx%d.",
              data.height(),
              data.width(),
              height,
              width));
    }
    if (conditional && !data.classNames().equals(labels)) {
      throw new ZooException(
          "The training data's classes "
              + data.classNames()
              + " differ from the model's "
              + labels
              + ".");
    }
  }

  /**
   * Draws {@code count} images (grey, row-major, values in [0, 1]); the same seed, the same ones.
   */
  public float[][] generate(int count, long seed) {
    if (conditional) {
      int[] classes = new int[count];
      for (int i = 0; i < count; i++) {
        classes[i] = i % labels.size();
      }
      return generate(noise(count, seed), classes);
    }
    return generate(noise(count, seed), null);
  }

  /** Draws {@code count} images of class {@code label}; the model must be class-conditional. */
  public float[][] generate(int count, long seed, int label) {
    if (!conditional) {
      throw new ZooException(
          "Model gan/" + variant + " is not class-conditional; only cdcgan draws a chosen class.");
    }
    if (label < 0 || label >= labels.size()) {
      throw new ZooException(
          "Class index "
              + label
              + " does not exist; the model has classes 0 to "
              + (labels.size() - 1)
              + ".");
    }
    int[] classes = new int[count];
    java.util.Arrays.fill(classes, label);
    return generate(noise(count, seed), classes);
  }

  /** Images from the given noise vectors ({@code count * latent} values) and classes (or null). */
  float[][] generate(float[] noise, int[] classes) {
    if (count(noise) <= 0) {
      throw new ZooException("Count must be a positive number, not " + count(noise) + ".");
    }
    int count = count(noise);
    float[][] images = new float[count][];
    for (int from = 0; from < count; from += BATCH) {
      int n = Math.min(BATCH, count - from);
      try (NDManager scope = manager.newSubManager()) {
        NDArray z =
            scope.create(
                FloatBuffer.wrap(noise, from * latent, n * latent),
                new Shape(n, latent),
                DataType.FLOAT32);
        int[] part = classes == null ? null : java.util.Arrays.copyOfRange(classes, from, from + n);
        float[] pixels = generatorForward(scope, z, part, false).toFloatArray();
        int size = height * width;
        for (int i = 0; i < n; i++) {
          float[] image = new float[size];
          for (int p = 0; p < size; p++) {
            image[p] = Math.max(0f, Math.min(1f, (pixels[i * size + p] + 1f) / 2f));
          }
          images[from + i] = image;
        }
      }
    }
    return images;
  }

  private int count(float[] noise) {
    return noise.length / latent;
  }

  /**
   * The share of {@code real}'s first images (at most 256) and as many generated ones that the
   * discriminator tells apart correctly, a measure of how far training has moved it.
   */
  double discriminatorAccuracy(ImageSet real, long noiseSeed) {
    int n = Math.min(BATCH, real.size());
    int size = height * width;
    float[] pixels = new float[n * size];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      real.copyImage(i, pixels, i * size);
      classes[i] = real.label(i) % labels.size();
    }
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = pixels[i] * 2f - 1f;
    }
    Objective objective = GanFamily.objective(variant);
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(pixels, new Shape(n, 1, height, width));
      NDArray z = scope.create(noise(n, noiseSeed), new Shape(n, latent));
      NDArray fake = generatorForward(scope, z, classes, false);
      float[] realScores =
          objective.scores(discriminatorForward(scope, x, classes, false).toFloatArray());
      float[] fakeScores =
          objective.scores(discriminatorForward(scope, fake, classes, false).toFloatArray());
      return objective.accuracy(realScores, fakeScores);
    }
  }

  /** Standard normal noise for {@code count} images from {@code seed}, the same on every engine. */
  float[] noise(int count, long seed) {
    Random random = new Random(seed);
    float[] z = new float[count * latent];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return z;
  }

  /** The generator's images in [-1, 1], shape (N, 1, H, W). */
  NDArray generatorForward(NDManager scope, NDArray z, int[] classes, boolean training) {
    NDArray input = conditional ? z.concat(oneHot(scope, classes), 1) : z;
    return generator.forward(new ParameterStore(scope, false), new NDList(input), training).head();
  }

  /** The discriminator's scores (logits, or critic values) of images in [-1, 1], shape (N, 1). */
  NDArray discriminatorForward(NDManager scope, NDArray images, int[] classes, boolean training) {
    NDArray input = images;
    if (conditional) {
      long n = images.getShape().get(0);
      NDArray planes =
          oneHot(scope, classes)
              .reshape(n, labels.size(), 1, 1)
              .broadcast(new Shape(n, labels.size(), height, width));
      input = images.concat(planes, 1);
    }
    return discriminator
        .forward(new ParameterStore(scope, false), new NDList(input), training)
        .head();
  }

  private NDArray oneHot(NDManager scope, int[] classes) {
    int k = labels.size();
    float[] values = new float[classes.length * k];
    for (int i = 0; i < classes.length; i++) {
      values[i * k + classes[i]] = 1f;
    }
    return scope.create(values, new Shape(classes.length, k));
  }

  /** Saves the GAN (both networks) as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writer.putParameters(GENERATOR, generator);
      writer.putParameters(DISCRIMINATOR, discriminator);
      writer.put(GanTraining.FIXED_NOISE, this::saveFixedNoise);
      return writer.commit(describe(0, Map.of()));
    }
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return new ModelDescription(
            GanFamily.NAME, variant, hp, List.of(1, height, width), labels, choice, seed)
        .at(manager.getEngine(), epoch, metrics, Map.of());
  }

  Block generatorBlock() {
    return generator;
  }

  Block discriminatorBlock() {
    return discriminator;
  }

  NDManager manager() {
    return manager;
  }

  float[] fixedNoise() {
    return fixedNoise;
  }

  long seed() {
    return seed;
  }

  /** The variant name, e.g. {@code dcgan}. */
  public String variant() {
    return variant;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The class names of the training data; a conditional model draws these. */
  public List<String> labels() {
    return labels;
  }

  /** Whether {@link #generate(int, long, int)} can draw a chosen class. */
  public boolean conditional() {
    return conditional;
  }

  /** The size of the noise vector. */
  public int latent() {
    return latent;
  }

  /** The image height the model draws. */
  public int height() {
    return height;
  }

  /** The image width the model draws. */
  public int width() {
    return width;
  }

  /** The engine and device the model runs on, and why. */
  public EngineChoice engine() {
    return choice;
  }

  /** Frees the model's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  /**
   * Builds a new, untrained {@link ImageGenerator}: {@code dcgan} (default), {@code cdcgan}, {@code
   * mlp-gan} or {@code wgan}. Setting {@code epochs} alone makes it the budget instead of the
   * default {@code steps}; image sides must be divisible by 4.
   */
  public static final class Builder extends ImageModelBuilder<Builder> {

    private Builder() {
      super(new GanFamily());
    }

    /** Builds the GAN on its engine. */
    public ImageGenerator build() {
      String name = variantName();
      Map<String, String> settings = new LinkedHashMap<>(overrides());
      GanFamily.epochsReplaceSteps(settings);
      Hyperparameters hp = hyperparameters(settings);
      TrainingLoop.checkSettings(hp);
      checkSize(height(), width());
      return new ImageGenerator(name, hp, labels(), height(), width(), chooseEngine(), seed());
    }
  }
}
