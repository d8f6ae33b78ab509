package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.Classification;
import dev.zoo.api.testing.ModelJar;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CNN classifier served as a pretrained model through DJL's own API: {@code Criteria} to {@code
 * ZooModel} to {@code Predictor}, with the same probabilities as {@link ImageClassifier#predict}.
 */
class DjlCriteriaTest {

  private static final String NAME = "fashion-mnist/simple-cnn";

  @TempDir static Path dir;
  private static Path checkpoint;
  private static final List<Path> IMAGES = new ArrayList<>();

  @BeforeAll
  static void shipAModel() throws Exception {
    try (ImageClassifier model =
        ImageClassifier.builder()
            .engine("pytorch")
            .variant("simple-cnn")
            .labels(FashionMnist.CLASS_NAMES)
            .seed(7)
            .build()) {
      checkpoint = model.save(dir.resolve("run"));
    }
    ModelJar.serveToDjl(dir, NAME, "cnn", "simple-cnn", checkpoint);
    ImageSet test = TestData.sample().test();
    for (int i = 0; i < 6; i++) {
      IMAGES.add(TestData.writePng(dir.resolve("grey" + i + ".png"), test.image(i), 28, 28));
    }
    BufferedImage colour = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        colour.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve("colour.png");
    ImageIO.write(colour, "png", file.toFile());
    IMAGES.add(file);
  }

  @AfterAll
  static void restoreTheClassPathZoo() {
    ModelJar.restoreDjlZoo();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void aPredictorGivesTheFamilysProbabilities(String engine) throws Exception {
    Criteria<Image, Classifications> criteria =
        Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optGroupId("dev.zoo")
            .optArtifactId(NAME)
            .optEngine(engine)
            .build();
    ZooModel<Image, Classifications> model = criteria.loadModel();
    try (model;
        Predictor<Image, Classifications> predictor = model.newPredictor();
        ImageClassifier own = ImageClassifier.load(checkpoint, "pytorch")) {
      assertEquals(engine, model.getNDManager().getEngine().getEngineName());
      assertEquals("simple-cnn", model.getProperty("zoo.variant"));
      List<Image> inputs = new ArrayList<>();
      for (Path file : IMAGES) {
        Image image = ImageFactory.getInstance().fromFile(file);
        inputs.add(image);
        assertSameProbabilities(own.predict(file, 10), predictor.predict(image), file);
      }
      List<Classifications> batch = predictor.batchPredict(inputs);
      for (int i = 0; i < IMAGES.size(); i++) {
        assertSameProbabilities(own.predict(IMAGES.get(i), 10), batch.get(i), IMAGES.get(i));
      }
    }
    assertFalse(model.getNDManager().isOpen(), "closing the ZooModel frees its parameters");
  }

  private static void assertSameProbabilities(
      List<Classification> expected, Classifications actual, Path file) {
    assertEquals(10, actual.getClassNames().size());
    for (Classification c : expected) {
      assertEquals(
          c.probability(), actual.get(c.label()).getProbability(), 1e-5, file + " " + c.label());
    }
    assertEquals(
        expected.get(0).probability(), actual.best().getProbability(), 1e-5, file.toString());
  }

  @Test
  void otherTypesOrAnUnknownNameAreNotFound() {
    Criteria<String, Classifications> text =
        Criteria.builder()
            .setTypes(String.class, Classifications.class)
            .optArtifactId("dev.zoo:" + NAME)
            .build();
    ModelNotFoundException types = assertThrows(ModelNotFoundException.class, text::loadModel);
    assertEquals(
        "The pretrained model "
            + NAME
            + " translates Image to Classifications, not String to"
            + " Classifications.",
        types.getCause().getMessage());
    Criteria<Image, Classifications> unknown =
        Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optGroupId("dev.zoo")
            .optArtifactId("fashion-mnist/resnet")
            .build();
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class, unknown::loadModel);
    assertTrue(e.getMessage().contains("No model matching the criteria"), e.getMessage());
  }
}
