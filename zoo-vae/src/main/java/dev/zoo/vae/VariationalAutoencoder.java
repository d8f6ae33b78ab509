package dev.zoo.vae;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.ImageModel;
import dev.zoo.api.model.ImageModelBuilder;
import dev.zoo.api.model.ImageSampler;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A variational autoencoder of grey images (Kingma and Welling, "Auto-Encoding Variational Bayes",
 * 2014), usable from any application: build or load one, train it on an {@link ImageSet}, save it,
 * encode images of {@code (height, width)} pixels with values in [0, 1] to latent means, decode
 * codes or sample the prior to images, and score images by their negative ELBO (high for images
 * unlike the training data). Close it to free its native memory; see {@link BaseModel} on threads.
 *
 * <pre>{@code
 * DataSplits data = FashionMnist.locate(null);
 * try (VariationalAutoencoder vae = VariationalAutoencoder.builder().set("epochs", 2).build()) {
 *   vae.fit(data.train(), data.test(), Path.of("runs/vae"));
 * }
 * try (VariationalAutoencoder vae = VariationalAutoencoder.load(Path.of("runs/vae"))) {
 *   float[] code = vae.encode(Path.of("shoe.png"));
 *   double score = vae.score(Path.of("shoe.png")).negativeElbo();
 *   Images samples = vae.sample(16, 7);
 * }
 * }</pre>
 */
public final class VariationalAutoencoder extends ImageModel implements ImageSampler {

  /** The checkpoint file of the optimizer's state. */
  static final String OPTIMIZER = "optimizer.state";

  private final int latent;
  private final VaeNetwork network;
  private final VaePasses passes;

  VariationalAutoencoder(ModelDescription description) {
    super(checked(description));
    this.latent = hyperparameters().getInt("latent_dim");
    this.network = VaeArchitectures.build(variant(), hyperparameters(), height(), width());
    network.initialize(
        manager(), DataType.FLOAT32, new Shape(1, 1, height(), width()), new Shape(1, latent));
    this.passes = new VaePasses(network, manager(), height(), width(), seed());
  }

  /** Refuses settings the variant cannot be built with before any native memory is opened. */
  private static ModelDescription checked(ModelDescription d) {
    VaeArchitectures.check(
        d.variant(), d.hyperparameters(), d.inputShape().get(1), d.inputShape().get(2));
    return d;
  }

  /** Starts a builder for a new, untrained VAE. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the pretrained model called {@code name} from the zoo-models jar on the class path, e.g.
   * {@code fashion-mnist/conv-vae} ({@code zoo models} lists them with their model cards), on the
   * best engine that can run it; its files are checked against their SHA-256 first.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws dev.zoo.api.common.CheckpointException when its files are missing or damaged
   */
  public static VariationalAutoencoder pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, new VaeFamily().name()));
  }

  /**
   * Loads a saved VAE on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static VariationalAutoencoder load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved VAE on the named engine ({@code pytorch}, {@code mxnet}), or the best.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   * @throws dev.zoo.api.common.EngineException when the engine cannot run it
   */
  public static VariationalAutoencoder load(Path checkpoint, String engine) {
    return ModelLoader.load(new VaeFamily(), checkpoint, engine, VariationalAutoencoder::new);
  }

  /**
   * Trains on the negative ELBO with the hyper-parameters' epochs (or steps), batch size, optimizer
   * and {@code beta}; after every epoch it measures the test figures on {@code validation} and
   * draws {@code reconstructions.png} and {@code samples.png} (with a 2-D latent space also {@code
   * manifold.png} and {@code latent-scatter.png}) into {@code runDir}. With {@code holdout_class}
   * set, images of that class are left out of training, the test figures are over the other
   * classes, and {@code holdout_auc} says how well the negative ELBO tells the held-out class from
   * them.
   *
   * @throws InvalidDataException when the images' size differs from the model's, a set is empty, or
   *     holding a class out leaves no training images or the test set without both kinds
   * @throws InvalidSettingException when the data has no class named {@code holdout_class}
   */
  @Override
  public TrainingSummary fit(ImageSet train, ImageSet validation, Path runDir, FitOptions options) {
    Holdout.Split split =
        Holdout.split(
            hyperparameters().get("holdout_class"),
            checkData(train, "training"),
            checkData(validation, "test"),
            options.listener());
    return train(
        new VaeTraining(this, split.train(), validation, split.heldOut()),
        StepPlan.of(hyperparameters(), split.train().size()),
        split.train(),
        runDir,
        options);
  }

  /**
   * The negative ELBO, reconstruction and KL terms averaged over {@code data}, nats per image.
   *
   * @throws InvalidDataException when the set is empty or its images are of another size
   */
  public ElboTerms evaluate(ImageSet data) {
    checkData(data, "evaluation");
    return scoreAll(data).average(null);
  }

  /**
   * Each image's negative ELBO in nats: its anomaly score.
   *
   * @throws InvalidDataException when the set is empty or its images are of another size
   */
  public double[] scores(ImageSet data) {
    checkData(data, "scored");
    return scoreAll(data).negativeElbo();
  }

  /**
   * The terms of the negative ELBO of one grey image of the model's size, {@code height * width}
   * values in [0, 1], row-major.
   *
   * @throws InvalidDataException when the image has another number of pixels
   */
  public ElboTerms score(float[] image) {
    checkPixels(image);
    return passes.scores(1, (i, dest, offset) -> copy(image, dest, offset)).terms(0);
  }

  /**
   * The terms of the negative ELBO of a PNG or JPEG file of exactly the model's size.
   *
   * @throws InvalidDataException when the file is missing, not an image, or of another size
   */
  public ElboTerms score(Path imageFile) {
    return score(ImageFiles.read(imageFile, height(), width()));
  }

  /**
   * The mean of q(z|x) of one grey image of the model's size: {@link #latentDim()} values.
   *
   * @throws InvalidDataException when the image has another number of pixels
   */
  public float[] encode(float[] image) {
    checkPixels(image);
    return passes.means(1, (i, dest, offset) -> copy(image, dest, offset))[0];
  }

  /**
   * The mean of q(z|x) of a PNG or JPEG file of exactly the model's size.
   *
   * @throws InvalidDataException when the file is missing, not an image, or of another size
   */
  public float[] encode(Path imageFile) {
    return encode(ImageFiles.read(imageFile, height(), width()));
  }

  /**
   * The latent means of every image of {@code data}, one row of {@link #latentDim()} values per
   * image.
   *
   * @throws InvalidDataException when the set is empty or its images are of another size
   */
  public float[][] encode(ImageSet data) {
    checkData(data, "encoded");
    return passes.means(data.size(), data::copyImage);
  }

  /**
   * Decodes latent codes (rows of {@link #latentDim()} values) to images of pixel means in (0, 1).
   *
   * @throws InvalidDataException when a code has another length
   */
  public Images decode(float[][] codes) {
    for (float[] code : codes) {
      if (code.length != latent) {
        throw new InvalidDataException(
            "A latent code has " + code.length + " values but this model's has " + latent + ".");
      }
    }
    return new Images(height(), width(), passes.decode(codes));
  }

  /**
   * {@code count} images decoded from codes drawn from the unit Gaussian prior with {@code seed};
   * the same seed draws the same images.
   *
   * @throws InvalidSettingException when {@code count} is not positive
   */
  @Override
  public Images sample(int count, long seed) {
    if (count < 1) {
      throw new InvalidSettingException("Count must be a positive number, not " + count + ".");
    }
    Random random = new Random(seed);
    float[][] codes = new float[count][latent];
    for (float[] code : codes) {
      Noise.fill(random, code, 0, latent);
    }
    return decode(codes);
  }

  /**
   * The images decoded from the latent means of the images at {@code indices} of {@code data}.
   *
   * @throws InvalidDataException when the set is empty or its images are of another size
   */
  public Images reconstruct(ImageSet data, int[] indices) {
    checkData(data, "reconstructed");
    return decode(
        passes.means(
            indices.length, (i, dest, offset) -> data.copyImage(indices[i], dest, offset)));
  }

  /** The dimension of the latent space: the length of a code. */
  public int latentDim() {
    return latent;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(network));
  }

  /** Every image's negative-ELBO terms and latent mean, for the test figures and pictures. */
  ImageScores scoreAll(ImageSet data) {
    return passes.scores(data.size(), data::copyImage);
  }

  /** A training pass: see {@link VaePasses#forward}. */
  NDList forward(NDManager scope, float[] pixels, float[] noise, int n) {
    return passes.forward(scope, pixels, noise, n, true);
  }

  VaeNetwork network() {
    return network;
  }

  /**
   * Refuses an empty set or images of another size, and returns {@code data} otherwise.
   *
   * @throws InvalidDataException when it is empty or its images are of another size
   */
  ImageSet checkData(ImageSet data, String role) {
    checkImages(data, role);
    return data;
  }

  private static void copy(float[] image, float[] dest, int offset) {
    System.arraycopy(image, 0, dest, offset, image.length);
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

    /**
     * Builds the VAE on its engine.
     *
     * @throws InvalidSettingException for a bad hyper-parameter (a latent dimension below 1, a
     *     negative beta), or an image size the variant cannot take
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public VariationalAutoencoder build() {
      Hyperparameters hp = hyperparameters();
      if (height() < 1 || width() < 1) {
        throw new InvalidSettingException(
            "Image size " + height() + "x" + width() + " is not usable.");
      }
      VaeArchitectures.check(variantName(), hp, height(), width());
      return new VariationalAutoencoder(description(hp, List.of(1, height(), width()), labels()));
    }
  }
}
