package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The passes of a {@link VaeNetwork} over many images or codes, {@value #BATCH} at a time, each
 * batch in its own sub-manager of the model's manager that is closed after it: encoding to latent
 * means, scoring by the negative ELBO, and decoding to pixel means.
 */
final class VaePasses {

  /** Images or codes per pass. */
  static final int BATCH = 256;

  /** Copies image {@code i} of a list into {@code dest} at {@code offset}. */
  interface ImageSource {
    void copy(int i, float[] dest, int offset);
  }

  private final VaeNetwork network;
  private final NDManager manager;
  private final int height;
  private final int width;
  private final int latent;
  private final long seed;

  /**
   * @param network the initialised network
   * @param manager the manager that owns its parameters
   * @param height image height in pixels
   * @param width image width in pixels
   * @param seed the model's seed, which seeds the noise of scoring
   */
  VaePasses(VaeNetwork network, NDManager manager, int height, int width, long seed) {
    this.network = network;
    this.manager = manager;
    this.height = height;
    this.width = width;
    this.latent = network.latent();
    this.seed = seed;
  }

  /** The means of q(z|x) of {@code count} images, one row of {@code latent} values each. */
  float[][] means(int count, ImageSource images) {
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
   * Scores {@code count} images with one draw of z each. The draw is seeded by the model's seed and
   * the image's pixels, so an image gets the same score whatever it is scored with and after a
   * reload.
   */
  ImageScores scores(int count, ImageSource images) {
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

  /** The pixel means (sigmoid of the decoder's logits) of codes of {@code latent} values each. */
  List<float[]> decode(float[][] codes) {
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
          images.add(Arrays.copyOfRange(out, i * pixels, (i + 1) * pixels));
        }
      }
    }
    return images;
  }

  /**
   * One pass of {@code n} images with the given standard normal noise, in {@code scope}: the images
   * {@code (n, 1, H, W)}, then the network's logits {@code (n, 1, H, W)}, mean and log-variance
   * {@code (n, latent)}.
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
}
