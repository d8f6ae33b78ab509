package dev.zoo.gan;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.metrics.ImageJudge;
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
import java.util.Arrays;
import java.util.List;

/**
 * A generative adversarial network of the GAN family (Goodfellow et al., 2014), usable from any
 * application: build or load one, train it on an {@link ImageSet}, save it, and draw grey images of
 * {@code (height, width)} pixels from standard normal noise of {@code latent_dim} values. The
 * generator maps noise {@code (N, latent_dim)} (with a one-hot class {@code (N, classes)} appended
 * for the conditional {@code cdcgan}) to images {@code (N, 1, H, W)} in [-1, 1]; the discriminator
 * maps images (with one constant plane per class for {@code cdcgan}) to one score per image {@code
 * (N, 1)}. Close it to free its native memory; see {@link BaseModel} on threads.
 *
 * <pre>{@code
 * ImageSet photos = ImageFolderReader.read(Path.of("photos"), 28, 28);
 * try (ImageGenerator gan = ImageGenerator.builder().set("epochs", 3).build()) {
 *   gan.fit(photos, null, Path.of("runs/photos"));
 * }
 * try (ImageGenerator gan = ImageGenerator.load(Path.of("runs/photos"))) {
 *   Images images = gan.sample(16, 7); // 16 images in [0, 1], repeatable with seed 7
 * }
 * }</pre>
 */
public final class ImageGenerator extends ImageModel implements ImageSampler {

  private final int latent;
  private final boolean conditional;
  private final GanNetworks networks;
  private final FixedNoise fixedNoise;

  ImageGenerator(ModelDescription description) {
    super(checked(description));
    Hyperparameters hp = hyperparameters();
    this.latent = hp.getInt("latent_dim");
    this.conditional = GanFamily.isConditional(variant());
    this.fixedNoise = new FixedNoise(latent, seed() + 1);
    this.networks =
        new GanNetworks(
            manager(), variant(), latent, hp, conditional ? labels().size() : 0, height(), width());
  }

  /** Checks what the networks need before the model's native memory is opened. */
  private static ModelDescription checked(ModelDescription description) {
    List<Integer> shape = description.inputShape();
    GanNetworks.check(description.hyperparameters(), shape.get(1), shape.get(2));
    return description;
  }

  /** Starts a builder for a new, untrained GAN. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the pretrained model called {@code name} from the zoo-models jar on the class path, e.g.
   * {@code fashion-mnist/dcgan} ({@code zoo models} lists them with their model cards), on the best
   * engine that can run it; its files are checked against their SHA-256 first.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws dev.zoo.api.common.CheckpointException when its files are missing or damaged
   */
  public static ImageGenerator pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, new GanFamily().name()));
  }

  /**
   * Loads a saved GAN on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  public static ImageGenerator load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved GAN on the named engine ({@code pytorch}, {@code mxnet}), or the best.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   * @throws dev.zoo.api.common.EngineException when the engine cannot run the variant
   */
  public static ImageGenerator load(Path checkpoint, String engine) {
    return ModelLoader.load(new GanFamily(), checkpoint, engine, ImageGenerator::new);
  }

  @Override
  protected void restore(Checkpoint checkpoint) {
    super.restore(checkpoint);
    try {
      fixedNoise.restore(checkpoint);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  protected void saveFiles(CheckpointWriter writer) {
    fixedNoise.save(writer);
  }

  /**
   * Trains both networks with the hyper-parameters' budget ({@code steps}, or {@code epochs}),
   * batch size and optimizer, writing the checkpoint and a grid of samples of the fixed noise after
   * every epoch ({@code samples-epoch-NNN.png}, {@code samples.png}) into {@code runDir}.
   *
   * @param validation real images measured after every epoch (the discriminator's accuracy on them
   *     and as many generated ones, {@code validation_d_accuracy}), or null
   * @throws InvalidDataException when the images' size or classes differ from the model's
   */
  @Override
  public TrainingSummary fit(ImageSet train, ImageSet validation, Path runDir, FitOptions options) {
    return fit(train, validation, runDir, options, null);
  }

  /**
   * {@link #fit(ImageSet, ImageSet, Path, FitOptions)}; with a {@code judge} and {@code
   * validation}, every epoch also records the Fréchet distance {@code fd} of as many generated
   * images as {@code validation} holds.
   */
  TrainingSummary fit(
      ImageSet train, ImageSet validation, Path runDir, FitOptions options, ImageJudge judge) {
    checkData(train, "training");
    if (validation != null) {
      checkData(validation, "validation");
    }
    return train(
        new GanTraining(this, train, validation, judge),
        StepPlan.of(hyperparameters(), train.size()),
        train,
        runDir,
        options);
  }

  /**
   * Refuses data the model cannot train on.
   *
   * @throws InvalidDataException when {@code data} is empty, or its size or classes differ
   */
  void checkData(ImageSet data, String role) {
    checkImages(data, role);
    if (conditional) {
      checkClasses(data, role);
    }
  }

  /**
   * Draws {@code count} images; the same seed draws the same ones on every engine. A conditional
   * model cycles through its classes (image {@code i} has class {@code i mod classes}).
   *
   * @throws InvalidSettingException when {@code count} is not positive
   */
  @Override
  public Images sample(int count, long seed) {
    int[] classes = null;
    if (conditional) {
      classes = new int[Math.max(0, count)];
      Arrays.setAll(classes, i -> i % labels().size());
    }
    return networks.draw(noise(count, seed), classes);
  }

  /**
   * Draws {@code count} images of class {@code label} (an index into {@link #labels()}); the same
   * seed draws the same ones.
   *
   * @throws InvalidSettingException when the model is not class-conditional, the class does not
   *     exist or {@code count} is not positive
   */
  public Images sample(int count, long seed, int label) {
    if (!conditional) {
      throw new InvalidSettingException(
          "Model gan/"
              + variant()
              + " is not class-conditional; only cdcgan draws a chosen class.");
    }
    if (label < 0 || label >= labels().size()) {
      throw new InvalidSettingException(
          "Class index "
              + label
              + " does not exist; the model has classes 0 to "
              + (labels().size() - 1)
              + ".");
    }
    int[] classes = new int[Math.max(0, count)];
    Arrays.fill(classes, label);
    return networks.draw(noise(count, seed), classes);
  }

  /**
   * Standard normal noise for {@code count} images from {@code seed}, the same on every engine.
   *
   * @throws InvalidSettingException when {@code count} is not positive
   */
  float[] noise(int count, long seed) {
    if (count <= 0) {
      throw new InvalidSettingException("Count must be a positive number, not " + count + ".");
    }
    return FixedNoise.gaussian(count * latent, seed);
  }

  @Override
  protected List<Network> networks() {
    return List.of(networks.generator(), networks.discriminator());
  }

  /** The generator and discriminator. */
  GanNetworks nets() {
    return networks;
  }

  /** The noise of the per-epoch sample grids. */
  FixedNoise fixedNoise() {
    return fixedNoise;
  }

  /** Whether {@link #sample(int, long, int)} can draw a chosen class. */
  public boolean conditional() {
    return conditional;
  }

  /** The size of the noise vector, {@code latent_dim}. */
  public int latent() {
    return latent;
  }

  /**
   * Builds a new, untrained {@link ImageGenerator}: {@code dcgan} (default), {@code cdcgan}, {@code
   * mlp-gan} or {@code wgan}. Setting {@code epochs} without {@code steps} makes it the budget
   * instead of the default {@code steps}; image sides must be divisible by 4.
   */
  public static final class Builder extends ImageModelBuilder<Builder> {

    private Builder() {
      super(new GanFamily());
    }

    /**
     * Builds the GAN on its engine.
     *
     * @throws InvalidSettingException for a bad hyper-parameter or image size
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public ImageGenerator build() {
      Hyperparameters hp = hyperparameters();
      GanNetworks.check(hp, height(), width());
      return new ImageGenerator(description(hp, List.of(1, height(), width()), labels()));
    }
  }
}
