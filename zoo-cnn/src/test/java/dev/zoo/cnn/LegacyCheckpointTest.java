package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.model.Classification;
import dev.zoo.api.testing.LegacyExpected;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A classifier checkpoint written by the code of commit 04c3eed ({@code
 * src/test/resources/legacy/simple-cnn}, made by the {@code LegacyCheckpointWriter} of commit
 * 6e8b9b0) still loads, on the engine that wrote it and on the other, and gives the class
 * probabilities recorded then.
 */
class LegacyCheckpointTest {

  static final String SIMPLE_CNN = "simple-cnn";

  /** The side of the fixture's images: the smallest that simple-cnn's three convolutions take. */
  static final int SIDE = 18;

  @TempDir Path dir;

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"pytorch", "mxnet"})
  void simpleCnnGivesTheRecordedProbabilities(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(SIMPLE_CNN, dir);
    try (ImageClassifier model = ImageClassifier.load(checkpoint, engine)) {
      assertEquals(engine, model.engine().backend().name());
      assertEquals(SIMPLE_CNN, model.variant());
      assertEquals(FashionMnist.CLASS_NAMES, model.labels());
      assertEquals(SIDE, model.height());
      assertEquals(SIDE, model.width());
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(SIMPLE_CNN), measure(model), SIMPLE_CNN + " on " + engine);
    }
  }

  @Test
  void simpleCnnCheckpointKeepsItsTrainingState() {
    Checkpoint cp = Checkpoint.open(LegacyExpected.copyCheckpoint(SIMPLE_CNN, dir), CnnFamily.NAME);
    assertEquals(SIMPLE_CNN, cp.info().variant());
    assertEquals("pytorch", cp.info().engine());
    assertEquals(1, cp.info().epoch());
    assertEquals(List.of(1, SIDE, SIDE), cp.info().inputShape());
    assertEquals(2.0, cp.info().metrics().get("steps"));
    assertEquals(
        Map.of("epochs", "1", "batch_size", "32", "learning_rate", "0.002", "schedule", "cosine"),
        cp.info().hyperparameters());
    assertEquals(2, LegacyExpected.adamSteps(cp, "optimizer.state"));
  }

  /** The class probabilities of the two fixed images, in class order. */
  static LegacyExpected.Values measure(ImageClassifier model) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    for (int which = 0; which < 2; which++) {
      float[] p = new float[model.labels().size()];
      for (Classification prediction : model.predict(image(which), p.length)) {
        p[prediction.index()] = (float) prediction.probability();
      }
      values.put("probabilities.image" + which, p);
    }
    return values;
  }

  /** Fixed grey images of {@link #SIDE}: 0 a diagonal stripe pattern, 1 a smooth wave. */
  static float[] image(int which) {
    float[] pixels = new float[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        pixels[y * SIDE + x] =
            which == 0
                ? ((x + 2 * y) % 7) / 6f
                : (float) (0.5 + 0.5 * Math.sin(0.8 * x) * Math.cos(0.5 * y));
      }
    }
    return pixels;
  }
}
