package dev.zoo.vae;

import dev.zoo.api.data.ImageSet;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.image.ScatterPlot;
import java.nio.file.Path;
import java.util.List;

/** The pictures of a VAE run, redrawn after every epoch. */
final class VaePictures {

  static final String RECONSTRUCTIONS_PNG = "reconstructions.png";
  static final String SAMPLES_PNG = "samples.png";
  static final String MANIFOLD_PNG = "manifold.png";
  static final String SCATTER_PNG = "latent-scatter.png";
  private static final int MANIFOLD_SIDE = 20;
  private static final float MANIFOLD_EXTENT = 2.5f;
  private static final int RECONSTRUCTED = 16;
  private static final int SAMPLES = 64;

  /** Samples are drawn from the same codes every epoch, so the pictures show the progress. */
  private static final long SAMPLE_SEED = 1234;

  private VaePictures() {}

  /** The file names of the pictures a run may hold. */
  static List<String> names() {
    return List.of(RECONSTRUCTIONS_PNG, SAMPLES_PNG, MANIFOLD_PNG, SCATTER_PNG);
  }

  /** Writes every picture of the epoch into {@code runDir}. */
  static void write(
      VariationalAutoencoder model, ImageSet test, ImageScores scores, Path runDir, int epoch) {
    writeReconstructions(model, test, runDir.resolve(RECONSTRUCTIONS_PNG), epoch);
    samples(model, SAMPLES, SAMPLE_SEED, "Samples from the prior, epoch " + epoch)
        .write(runDir.resolve(SAMPLES_PNG));
    if (model.latentDim() == 2) {
      writeManifold(model, runDir.resolve(MANIFOLD_PNG), epoch);
      writeScatter(test, scores, runDir.resolve(SCATTER_PNG), epoch);
    }
  }

  /**
   * The decoded latent plane: a 20x20 grid of codes evenly spaced from -2.5 to 2.5 on each axis (z1
   * left to right, z2 bottom to top), covering almost all of the prior's mass.
   */
  static void writeManifold(VariationalAutoencoder model, Path file, int epoch) {
    float[][] codes = new float[MANIFOLD_SIDE * MANIFOLD_SIDE][];
    float step = 2 * MANIFOLD_EXTENT / (MANIFOLD_SIDE - 1);
    for (int row = 0; row < MANIFOLD_SIDE; row++) {
      for (int col = 0; col < MANIFOLD_SIDE; col++) {
        codes[row * MANIFOLD_SIDE + col] =
            new float[] {-MANIFOLD_EXTENT + col * step, MANIFOLD_EXTENT - row * step};
      }
    }
    ImageGrid.builder(model.height(), model.width())
        .columns(MANIFOLD_SIDE)
        .scale(1)
        .gap(0)
        .title("Latent plane z1, z2 in [-2.5, 2.5], epoch " + epoch)
        .addAll(model.decode(codes).pixels())
        .write(file);
  }

  /** The test images' latent means, one colour per class. */
  static void writeScatter(ImageSet test, ImageScores scores, Path file, int epoch) {
    double[] xs = new double[scores.size()];
    double[] ys = new double[scores.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = scores.mean(i)[0];
      ys[i] = scores.mean(i)[1];
    }
    ScatterPlot.of(test.classNames())
        .title("Latent means of " + xs.length + " test images, epoch " + epoch)
        .axes("z1", "z2")
        .points(xs, ys, test.labels())
        .write(file);
  }

  /** Test images spread over the set in one row, their reconstructions in the row below. */
  static void writeReconstructions(
      VariationalAutoencoder model, ImageSet test, Path file, int epoch) {
    int count = Math.min(RECONSTRUCTED, test.size());
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = (int) ((long) i * test.size() / count);
    }
    List<float[]> decoded = model.reconstruct(test, indices).pixels();
    ImageGrid.Builder grid =
        ImageGrid.builder(test.height(), test.width())
            .columns(count)
            .scale(2)
            .title("Test images (top) and their reconstructions (bottom), epoch " + epoch);
    for (int index : indices) {
      grid.add(test.image(index));
    }
    grid.addAll(decoded);
    grid.write(file);
  }

  /** A grid of {@code count} images sampled from the prior with {@code seed}. */
  static ImageGrid.Builder samples(
      VariationalAutoencoder model, int count, long seed, String title) {
    return ImageGrid.builder(model.height(), model.width())
        .columns((int) Math.ceil(Math.sqrt(count)))
        .scale(2)
        .title(title)
        .addAll(model.sample(count, seed).pixels());
  }
}
