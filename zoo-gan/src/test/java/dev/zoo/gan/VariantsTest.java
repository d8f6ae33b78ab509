package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each non-default variant trains briefly on both engines and reloads to the same generator. */
class VariantsTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "cdcgan, pytorch", "cdcgan, mxnet",
    "mlp-gan, pytorch", "mlp-gan, mxnet",
    "wgan, pytorch", "wgan, mxnet"
  })
  void trainsSavesAndReloads(String variant, String engine) {
    ImageSet train = GanTestSupport.images(640);
    Path run = tmp.resolve(variant);
    Images after;
    try (ImageGenerator gan =
        ImageGenerator.builder()
            .variant(variant)
            .engine(engine)
            .labels(train.classNames())
            .set("epochs", 1)
            .build()) {
      Images before = gan.sample(10, 4);
      TrainingSummary summary = gan.fit(train, null, run);
      after = gan.sample(10, 4);
      assertTrue(GanTestSupport.meanDifference(before, after) > 0.005, "images changed");
      Map<String, Double> m = summary.last().metrics();
      for (String key : new String[] {"train_d_loss", "train_g_loss", "train_d_accuracy"}) {
        assertTrue(Double.isFinite(m.get(key)), key + " " + m);
      }
      if (variant.equals("wgan")) {
        double clip = gan.hyperparameters().getDouble("clip");
        for (Pair<String, Parameter> p : gan.nets().discriminator().block().getParameters()) {
          float[] w = p.getValue().getArray().toFloatArray();
          for (float v : w) {
            assertTrue(Math.abs(v) <= clip + 1e-6, p.getKey() + " holds " + v);
          }
        }
      }
    }
    try (ImageGenerator loaded = ImageGenerator.load(run, engine)) {
      assertEquals(variant, loaded.variant());
      assertTrue(GanTestSupport.maxDifference(after, loaded.sample(10, 4)) < 1e-4);
    }
  }
}
