package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.testing.ModelJar;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A GAN served as a pretrained model through DJL's own API: {@code Criteria} to {@code ZooModel} to
 * {@code Predictor<Integer, Image>}, with the image {@link ImageGenerator#sample} draws for the
 * same seed.
 */
class DjlCriteriaTest {

  @TempDir Path dir;

  @AfterEach
  void restoreTheClassPathZoo() {
    ModelJar.restoreDjlZoo();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dcgan", "cdcgan"})
  void aPredictorDrawsTheFamilysImageForASeed(String variant) throws Exception {
    Path checkpoint;
    try (ImageGenerator gan =
        ImageGenerator.builder()
            .variant(variant)
            .engine("pytorch")
            .labels(FashionMnist.CLASS_NAMES)
            .seed(11)
            .build()) {
      checkpoint = gan.save(dir.resolve("run"));
    }
    String name = "fashion-mnist/" + variant;
    ModelJar.serveToDjl(dir, name, "gan", variant, checkpoint);
    Criteria<Integer, Image> criteria =
        Criteria.builder()
            .setTypes(Integer.class, Image.class)
            .optArtifactId("dev.zoo:" + name)
            .optEngine("PyTorch")
            .optArgument("class", 3)
            .build();
    try (ZooModel<Integer, Image> model = criteria.loadModel();
        Predictor<Integer, Image> predictor = model.newPredictor();
        ImageGenerator own = ImageGenerator.load(checkpoint, "pytorch")) {
      for (int seed : new int[] {1, 2, 42}) {
        float[] expected =
            variant.equals("cdcgan")
                ? own.sample(1, seed, 3).image(0)
                : own.sample(1, seed).image(0);
        BufferedImage image = (BufferedImage) predictor.predict(seed).getWrappedImage();
        assertEquals(28, image.getWidth());
        assertEquals(28, image.getHeight());
        int differing = 0;
        for (int p = 0; p < expected.length; p++) {
          int actual = image.getRaster().getSample(p % 28, p / 28, 0);
          assertEquals(expected[p] * 255f, actual, 0.5f + 1e-3f, "pixel " + p + " of seed " + seed);
          differing += Math.round(expected[p] * 255f) == actual ? 0 : 1;
        }
        assertTrue(differing <= 2, differing + " pixels differ after rounding");
      }
    }
  }
}
