package dev.zoo.vae;

import dev.zoo.api.data.ImageSet;
import dev.zoo.api.image.ImageGrid;
import java.nio.file.Path;
import java.util.List;

/** The pictures of a VAE run, redrawn after every epoch. */
final class VaePictures {

  static final String RECONSTRUCTIONS_PNG = "reconstructions.png";
  static final String SAMPLES_PNG = "samples.png";
  private static final int RECONSTRUCTED = 16;
  private static final int SAMPLES = 64;

  /** Samples are drawn from the same codes every epoch, so the pictures show the progress. */
  private static final long SAMPLE_SEED = 1234;

  private VaePictures() {}

  /** The file names of the pictures a run may hold. */
  static List<String> names() {
    return List.of(RECONSTRUCTIONS_PNG, SAMPLES_PNG);
  }

  /** Writes every picture of the epoch into {@code runDir}. */
  static void write(
      VariationalAutoencoder model, ImageSet test, ImageScores scores, Path runDir, int epoch) {
    writeReconstructions(model, test, runDir.resolve(RECONSTRUCTIONS_PNG), epoch);
    samples(model, SAMPLES, SAMPLE_SEED, "Samples from the prior, epoch " + epoch)
        .write(runDir.resolve(SAMPLES_PNG));
  }

  /** Test images spread over the set in one row, their reconstructions in the row below. */
  static void writeReconstructions(
      VariationalAutoencoder model, ImageSet test, Path file, int epoch) {
    int count = Math.min(RECONSTRUCTED, test.size());
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = (int) ((long) i * test.size() / count);
    }
    List<float[]> decoded = model.reconstruct(test, indices);
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
        .addAll(model.sample(count, seed));
  }
}
