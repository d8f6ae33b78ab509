package dev.zoo.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two networks of one GAN, initialised in the model's manager, and how they are run: the
 * generator on noise {@code (N, latent_dim)}, with the one-hot class {@code (N, classes)} appended
 * for a conditional model, gives images {@code (N, 1, H, W)} in [-1, 1]; the discriminator on such
 * images, with one constant plane per class appended for a conditional model, gives one score per
 * image {@code (N, 1)} (a logit, or a critic value for WGAN). The conditioning follows Mirza and
 * Osindero, "Conditional Generative Adversarial Nets" (2014).
 */
final class GanNetworks {

  /** The checkpoint file of the generator's parameters. */
  static final String GENERATOR_FILE = "generator.params";

  /** The checkpoint file of the discriminator's parameters. */
  static final String DISCRIMINATOR_FILE = "discriminator.params";

  private static final int BATCH = 256;

  private final NDManager manager;
  private final Network generator;
  private final Network discriminator;
  private final Objective objective;
  private final int latent;
  private final int classes;
  private final int height;
  private final int width;

  /**
   * Builds the networks of {@code variant} and initialises them in {@code manager}; {@link #draw}
   * and {@link #discriminatorAccuracy} open and close their own sub-managers of it.
   *
   * @param hp the architecture's settings ({@code kernel}, {@code g_channels}, {@code d_channels},
   *     {@code d_batch_norm}) and {@code weight_init}
   * @param classes the number of classes of a conditional model, or 0
   */
  GanNetworks(
      NDManager manager,
      String variant,
      int latent,
      Hyperparameters hp,
      int classes,
      int height,
      int width) {
    this.manager = manager;
    this.latent = latent;
    this.classes = classes;
    this.height = height;
    this.width = width;
    this.objective = GanFamily.objective(variant);
    this.generator =
        new Network("generator", Networks.generator(variant, height, width, hp), GENERATOR_FILE);
    this.discriminator =
        new Network("discriminator", Networks.discriminator(variant, hp), DISCRIMINATOR_FILE);
    generator.block().initialize(manager, DataType.FLOAT32, new Shape(1, latent + classes));
    discriminator
        .block()
        .initialize(manager, DataType.FLOAT32, new Shape(1, 1 + classes, height, width));
  }

  /**
   * Checks the noise size, the image size and the settings the networks are built with.
   *
   * @throws InvalidSettingException when {@code latent_dim} or {@code d_channels} is not positive,
   *     {@code weight_init} is unknown, or the sides are below 8 or not divisible by 4 (the
   *     generator doubles the size twice)
   */
  static void check(Hyperparameters hp, int height, int width) {
    Networks.dcganInit(hp);
    Networks.discriminatorChannels(hp);
    int latent = hp.getInt("latent_dim");
    if (latent <= 0) {
      throw new InvalidSettingException(
          "The noise size 'latent_dim' must be a positive number, not " + latent + ".");
    }
    if (height < 8 || width < 8 || height % 4 != 0 || width % 4 != 0) {
      throw new InvalidSettingException(
          "Images for the GAN family must be at least 8x8 with sides divisible by 4, not "
              + height
              + "x"
              + width
              + ".");
    }
  }

  Network generator() {
    return generator;
  }

  Network discriminator() {
    return discriminator;
  }

  /** The generator's images in [-1, 1], {@code (N, 1, H, W)}, from noise {@code (N, latent)}. */
  NDArray generate(NDManager scope, NDArray z, int[] labels, boolean training) {
    NDArray input = classes > 0 ? z.concat(oneHot(scope, labels), 1) : z;
    return generator
        .block()
        .forward(new ParameterStore(scope, false), new NDList(input), training)
        .head();
  }

  /** The discriminator's scores {@code (N, 1)} of images in [-1, 1]; {@code labels} may be null. */
  NDArray discriminate(NDManager scope, NDArray images, int[] labels, boolean training) {
    NDArray input = images;
    if (classes > 0) {
      long n = images.getShape().get(0);
      NDArray planes =
          oneHot(scope, labels)
              .reshape(n, classes, 1, 1)
              .broadcast(new Shape(n, classes, height, width));
      input = images.concat(planes, 1);
    }
    return discriminator
        .block()
        .forward(new ParameterStore(scope, false), new NDList(input), training)
        .head();
  }

  private NDArray oneHot(NDManager scope, int[] labels) {
    float[] values = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      values[i * classes + labels[i]] = 1f;
    }
    return scope.create(values, new Shape(labels.length, classes));
  }

  /**
   * Images in [0, 1] from noise vectors ({@code count * latent_dim} values, vector after vector)
   * and their classes (or null), generated in batches of 256.
   */
  Images draw(float[] noise, int[] classes) {
    int count = noise.length / latent;
    List<float[]> images = new ArrayList<>(count);
    int size = height * width;
    for (int from = 0; from < count; from += BATCH) {
      int n = Math.min(BATCH, count - from);
      try (NDManager scope = manager.newSubManager()) {
        NDArray z =
            scope.create(
                FloatBuffer.wrap(noise, from * latent, n * latent),
                new Shape(n, latent),
                DataType.FLOAT32);
        int[] part = classes == null ? null : Arrays.copyOfRange(classes, from, from + n);
        float[] pixels = generate(scope, z, part, false).toFloatArray();
        for (int i = 0; i < n; i++) {
          float[] image = new float[size];
          for (int p = 0; p < size; p++) {
            image[p] = Math.max(0f, Math.min(1f, (pixels[i * size + p] + 1f) / 2f));
          }
          images.add(image);
        }
      }
    }
    return new Images(height, width, images);
  }

  /**
   * The share of {@code real}'s first images (at most 256) and as many generated ones from noise
   * drawn with {@code noiseSeed} that the discriminator tells apart correctly, in [0, 1]: a measure
   * of how far training has moved it.
   */
  double discriminatorAccuracy(ImageSet real, long noiseSeed) {
    int n = Math.min(BATCH, real.size());
    int size = height * width;
    float[] pixels = new float[n * size];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      real.copyImage(i, pixels, i * size);
      labels[i] = classes > 0 ? real.label(i) % classes : 0;
    }
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = pixels[i] * 2f - 1f;
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(pixels, new Shape(n, 1, height, width));
      NDArray z = scope.create(FixedNoise.gaussian(n * latent, noiseSeed), new Shape(n, latent));
      NDArray fake = generate(scope, z, labels, false);
      float[] realScores = objective.scores(discriminate(scope, x, labels, false).toFloatArray());
      float[] fakeScores =
          objective.scores(discriminate(scope, fake, labels, false).toFloatArray());
      return objective.accuracy(realScores, fakeScores);
    }
  }
}
