package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.testing.LegacyExpected;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the template gives what the code before it gave: the run that made the legacy
 * checkpoint ({@code src/test/resources/legacy/conv-vae}, see the {@code LegacyCheckpointWriter} of
 * commit 6e8b9b0), made again, records the same figures and gives the same codes, scores and
 * images.
 */
class SameTrainingTest {

  @TempDir Path dir;

  @Test
  void theLegacyRunMadeAgainGivesTheSameModel() {
    DataSplits sample = FashionMnist.embeddedSample();
    int side = LegacyCheckpointTest.SIDE;
    ImageSet train = shrink(sample.train().first(64), side, 2);
    ImageSet test = shrink(sample.test().first(16), side, 2);
    Path run = dir.resolve("run");
    try (VariationalAutoencoder vae =
        VariationalAutoencoder.builder()
            .variant(LegacyCheckpointTest.CONV_VAE)
            .engine("pytorch")
            .seed(42)
            .imageSize(side, side)
            .set("latent_dim", 2)
            .set("epochs", 1)
            .set("batch_size", 32)
            .build()) {
      vae.fit(train, test, run, FitOptions.defaults().withListener(TrainingListener.NONE));
    }

    Map<String, Double> legacy =
        Checkpoint.open(LegacyExpected.copyCheckpoint(LegacyCheckpointTest.CONV_VAE, dir), "vae")
            .info()
            .metrics();
    Map<String, Double> again = Checkpoint.open(run, VaeFamily.NAME).info().metrics();
    assertEquals(legacy.keySet(), again.keySet());
    legacy.forEach(
        (name, value) ->
            assertEquals(value, again.get(name), 1e-4 * Math.max(1, Math.abs(value)), name));
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(run, "pytorch")) {
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(LegacyCheckpointTest.CONV_VAE),
          LegacyCheckpointTest.measure(vae),
          "conv-vae trained again");
    }
  }

  /** Each image's centre {@code side * factor} square, averaged over blocks of {@code factor}. */
  static ImageSet shrink(ImageSet images, int side, int factor) {
    int crop = side * factor;
    int top = (images.height() - crop) / 2;
    int left = (images.width() - crop) / 2;
    float[] pixels = new float[images.size() * side * side];
    for (int i = 0; i < images.size(); i++) {
      float[] image = images.image(i);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          float sum = 0;
          for (int dy = 0; dy < factor; dy++) {
            for (int dx = 0; dx < factor; dx++) {
              sum += image[(top + y * factor + dy) * images.width() + left + x * factor + dx];
            }
          }
          pixels[(i * side + y) * side + x] = sum / (factor * factor);
        }
      }
    }
    return ImageSet.of(pixels, images.labels(), images.classNames(), side, side);
  }
}
