package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
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
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A variational autoencoder of grey images, usable from any application: build or load one, train
 * it on an {@link ImageSet}, save it, encode images to latent means, decode or sample images, and
 * score images by their negative ELBO (high for images unlike the training data). Close it to free
 * its native memory.
 *
 * <pre>{@code
 * DataSplits data = FashionMnist.locate(null);
 * try (VariationalAutoencoder vae = VariationalAutoencoder.builder().set("epochs", 2).build()) {
 *   vae.fit(data.train(), data.test(), Path.of("runs/vae"));
 * }
 * try (VariationalAutoencoder vae = VariationalAutoencoder.load(Path.of("runs/vae"))) {
 *   float[] code = vae.encode(Path.of("shoe.png"));
 *   double score = vae.score(Path.of("shoe.png")).negativeElbo();
 * }
 * }</pre>
 */
public final class VariationalAutoencoder implements AutoCloseable {

  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.state";
  private static final int BATCH = 256;

  private final String variant;
  private final Hyperparameters hp;
  private final List<String> labels;
  private final int height;
  private final int width;
  private final int latent;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final VaeNetwork network;

  VariationalAutoencoder(
      String variant,
      Hyperparameters hp,
      List<String> labels,
      int height,
      int width,
      EngineChoice choice,
      long seed) {
    VaeArchitectures.check(variant, hp, height, width);
    this.variant = variant;
    this.hp = hp;
    this.labels = List.copyOf(labels);
    this.height = height;
    this.width = width;
    this.latent = hp.getInt("latent_dim");
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.network = VaeArchitectures.build(variant, hp, height, width);
    network.initialize(
        manager, DataType.FLOAT32, new Shape(1, 1, height, width), new Shape(1, latent));
  }

  /** Starts a builder for a new, untrained VAE. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved VAE on the best engine that can run it. */
  public static VariationalAutoencoder load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved VAE on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static VariationalAutoencoder load(Path checkpoint, String engine) {
    return SavedModels.load(new VaeFamily(), checkpoint, engine, VariationalAutoencoder::load);
  }

  static VariationalAutoencoder load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    return new VariationalAutoencoder(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            info.labels(),
            info.inputShape().get(1),
            info.inputShape().get(2),
            choice,
            info.seed())
        .withParameters(cp);
  }

  /** Loads the checkpoint's parameters, or frees this model if they do not fit. */
  private VariationalAutoencoder withParameters(Checkpoint cp) {
    try {
      cp.loadParameters(PARAMETERS, network, manager);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Trains with the hyper-parameters' epochs (or steps) and batch size, writing the run into {@code
   * runDir}. With {@code holdout_class} set, images of that class are left out of training.
   */
  public TrainingSummary fit(ImageSet train, ImageSet test, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(train, test, runDir, null, System.err, false);
  }

  TrainingSummary fit(
      ImageSet train,
      ImageSet test,
      Path runDir,
      Checkpoint resume,
      PrintStream log,
      boolean interactive) {
    TrainingLoop.checkSettings(hp);
    checkData(train, "training");
    checkData(test, "test");
    int heldOut = Holdout.resolve(hp.get("holdout_class"), train.classNames());
    if (heldOut >= 0) {
      if (!test.classNames().equals(train.classNames())) {
        throw new ZooException(
            "The test data's classes "
                + test.classNames()
                + " differ from the training data's "
                + train.classNames()
                + ".");
      }
      Holdout.mask(test, heldOut);
      train = Holdout.without(train, heldOut);
      log.printf(
          "Holding out class %s: training on %d images of the other classes.%n",
          train.classNames().get(heldOut), train.size());
    }
    checkStepsLeft(resume, train.size());
    try (VaeTraining task = new VaeTraining(this, train, test, heldOut)) {
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

  /**
   * Refuses a resume by steps that the checkpoint's whole epochs already cover: the training loop
   * resumes at epoch boundaries, so it would train nothing.
   */
  private void checkStepsLeft(Checkpoint resume, int trainSize) {
    int steps = hp.has("steps") ? hp.getInt("steps") : 0;
    if (resume == null || steps == 0) {
      return;
    }
    int batch = hp.getInt("batch_size");
    int stepsPerEpoch = (trainSize + batch - 1) / batch;
    int done = resume.info().epoch();
    if ((steps + stepsPerEpoch - 1) / stepsPerEpoch <= done) {
      throw new ZooException(
          String.format(
              "Nothing to resume: %s has trained %d epoch(s) of %d steps, which cover the %d"
                  + " steps asked for; pass a --steps above %d.",
              resume.dir(), done, stepsPerEpoch, steps, done * stepsPerEpoch));
    }
  }

  void checkData(ImageSet data, String role) {
    if (data.size() == 0) {
      throw new ZooException("The " + role + " data holds no images.");
    }
    if (data.height() != height || data.width() != width) {
      throw new ZooException(
          "The "
              + role
              + " images are "
              + data.height()
              + "x"
              + data.width()
              + " but the model takes "
              + height
              + "x"
              + width
              + ".");
    }
  }

  /** The negative ELBO, reconstruction and KL terms averaged over {@code data}, nats per image. */
  public ElboTerms evaluate(ImageSet data) {
    checkData(data, "evaluation");
    return scoreAll(data).average(null);
  }

  /** Each image's negative ELBO in nats: its anomaly score. */
  public double[] scores(ImageSet data) {
    checkData(data, "scored");
    return scoreAll(data).negativeElbo();
  }

  /** The terms of the negative ELBO of one grey image of the model's size, values in [0, 1]. */
  public ElboTerms score(float[] image) {
    checkImage(image);
    return score(1, (i, dest, offset) -> System.arraycopy(image, 0, dest, offset, image.length))
        .terms(0);
  }

  /** The terms of the negative ELBO of a PNG or JPEG file of the model's size. */
  public ElboTerms score(Path imageFile) {
    return score(ImageFiles.read(imageFile, height, width));
  }

  /** The mean of q(z|x) of one grey image of the model's size. */
  public float[] encode(float[] image) {
    checkImage(image);
    return encode(1, (i, dest, offset) -> System.arraycopy(image, 0, dest, offset, image.length))[
        0];
  }

  /** The mean of q(z|x) of a PNG or JPEG file of the model's size. */
  public float[] encode(Path imageFile) {
    return encode(ImageFiles.read(imageFile, height, width));
  }

  /** The latent means of every image of {@code data}, one row per image. */
  public float[][] encode(ImageSet data) {
    checkData(data, "encoded");
    return encode(data.size(), data::copyImage);
  }

  /** Decodes latent codes (rows of length {@link #latentDim()}) to images of pixel means. */
  public List<float[]> decode(float[][] codes) {
    for (float[] code : codes) {
      if (code.length != latent) {
        throw new ZooException(
            "A latent code has " + code.length + " values but this model's has " + latent + ".");
      }
    }
    List<float[]> images = new ArrayList<>(codes.length);
    int pixels = height * width;
    for (int from = 0; from < codes.length; from += BATCH) {
      int n = Math.min(BATCH, codes.length - from);
      float[] flat = new float[n * latent];
      for (int i = 0; i < n; i++) {
        System.arraycopy(codes[from + i], 0, flat, i * latent, latent);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray z = scope.create(flat, new Shape(n, latent));
        float[] out =
            Activation.sigmoid(network.decode(new ParameterStore(scope, false), z, false))
                .toFloatArray();
        for (int i = 0; i < n; i++) {
          float[] image = new float[pixels];
          System.arraycopy(out, i * pixels, image, 0, pixels);
          images.add(image);
        }
      }
    }
    return images;
  }

  /**
   * {@code count} images decoded from codes drawn from the unit Gaussian prior with {@code seed}.
   */
  public List<float[]> sample(int count, long seed) {
    if (count < 1) {
      throw new ZooException("Count must be a positive number, not " + count + ".");
    }
    Random random = new Random(seed);
    float[][] codes = new float[count][latent];
    for (float[] code : codes) {
      for (int j = 0; j < latent; j++) {
        code[j] = (float) random.nextGaussian();
      }
    }
    return decode(codes);
  }

  /** The images decoded from the latent means of the images at {@code indices} of {@code data}. */
  public List<float[]> reconstruct(ImageSet data, int[] indices) {
    checkData(data, "reconstructed");
    return decode(
        encode(indices.length, (i, dest, offset) -> data.copyImage(indices[i], dest, offset)));
  }

  /** Saves the model as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writer.putParameters(PARAMETERS, network);
      return writer.commit(describe(0, Map.of()));
    }
  }

  /** Copies image {@code i} of a list into {@code dest} at {@code offset}. */
  interface ImageSource {
    void copy(int i, float[] dest, int offset);
  }

  ImageScores scoreAll(ImageSet data) {
    return score(data.size(), data::copyImage);
  }

  private float[][] encode(int count, ImageSource images) {
    float[][] means = new float[count][];
    int pixels = height * width;
    float[] buffer = new float[Math.min(BATCH, count) * pixels];
    for (int from = 0; from < count; from += BATCH) {
      int n = Math.min(BATCH, count - from);
      for (int i = 0; i < n; i++) {
        images.copy(from + i, buffer, i * pixels);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = input(scope, buffer, n);
        float[] flat =
            network.encode(new ParameterStore(scope, false), x, false).get(0).toFloatArray();
        for (int i = 0; i < n; i++) {
          means[from + i] = Arrays.copyOfRange(flat, i * latent, (i + 1) * latent);
        }
      }
    }
    return means;
  }

  /**
   * Scores images with one draw of z each. The draw is seeded by the model's seed and the image's
   * pixels, so an image gets the same score whatever it is scored with and after a reload.
   */
  private ImageScores score(int count, ImageSource images) {
    ImageScores scores = new ImageScores(count, latent);
    int pixels = height * width;
    float[] buffer = new float[Math.min(BATCH, count) * pixels];
    float[] noise = new float[Math.min(BATCH, count) * latent];
    for (int from = 0; from < count; from += BATCH) {
      int n = Math.min(BATCH, count - from);
      for (int i = 0; i < n; i++) {
        images.copy(from + i, buffer, i * pixels);
        Noise.fill(Noise.forImage(seed, buffer, i * pixels, pixels), noise, i * latent, latent);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDList out = forward(scope, buffer, noise, n, false);
        NDList terms = ElboLoss.perImage(out.get(0), out.get(1), out.get(2), out.get(3));
        float[] reconstruction = terms.get(0).toFloatArray();
        float[] kl = terms.get(1).toFloatArray();
        float[] means = out.get(2).toFloatArray();
        for (int i = 0; i < n; i++) {
          scores.set(
              from + i,
              reconstruction[i],
              kl[i],
              Arrays.copyOfRange(means, i * latent, (i + 1) * latent));
        }
      }
    }
    return scores;
  }

  /**
   * One pass of {@code n} images with the given standard normal noise: the images as an array, then
   * the network's logits, mean and log-variance.
   */
  NDList forward(NDManager scope, float[] pixels, float[] noise, int n, boolean training) {
    NDArray x = input(scope, pixels, n);
    NDArray eps =
        scope.create(
            FloatBuffer.wrap(noise, 0, n * latent), new Shape(n, latent), DataType.FLOAT32);
    NDList out = network.forward(new ParameterStore(scope, false), new NDList(x, eps), training);
    return new NDList(x, out.get(0), out.get(1), out.get(2));
  }

  private NDArray input(NDManager scope, float[] pixels, int n) {
    return scope.create(
        FloatBuffer.wrap(pixels, 0, n * height * width),
        new Shape(n, 1, height, width),
        DataType.FLOAT32);
  }

  private void checkImage(float[] image) {
    if (image.length != height * width) {
      throw new ZooException(
          "An image of "
              + image.length
              + " pixels does not fit a model that takes "
              + height
              + "x"
              + width
              + " images.");
    }
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return description().at(manager.getEngine(), epoch, metrics, Map.of());
  }

  /** What the model is: family, variant, settings, image shape, labels, engine and seed. */
  public ModelDescription description() {
    return new ModelDescription(
        VaeFamily.NAME, variant, hp, List.of(1, height, width), labels, choice, seed);
  }

  /** The variant name, e.g. {@code conv-vae}. */
  public String variant() {
    return variant;
  }

  /** The dimension of the latent space: the length of a code. */
  public int latentDim() {
    return latent;
  }

  /** Frees the model's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  // Package-private views for the family's training, pictures and reports.

  Hyperparameters hyperparameters() {
    return hp;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  VaeNetwork network() {
    return network;
  }

  NDManager manager() {
    return manager;
  }

  long seed() {
    return seed;
  }

  EngineChoice engine() {
    return choice;
  }

  /**
   * Builds a new, untrained {@link VariationalAutoencoder}: variant {@code conv-vae} (default) or
   * {@code mlp-vae}, with settings such as {@code latent_dim}, {@code beta} and {@code
   * holdout_class}.
   */
  public static final class Builder extends ImageModelBuilder<Builder> {

    private Builder() {
      super(new VaeFamily());
    }

    /** Builds the VAE on its engine, after checking the settings and the image size. */
    public VariationalAutoencoder build() {
      String name = variantName();
      Hyperparameters hp = hyperparameters();
      if (height() < 1 || width() < 1) {
        throw new ZooException("Image size " + height() + "x" + width() + " is not usable.");
      }
      VaeArchitectures.check(name, hp, height(), width());
      return new VariationalAutoencoder(
          name, hp, labels(), height(), width(), chooseEngine(), seed());
    }
  }
}
