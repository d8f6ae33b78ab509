package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.Classification;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A checkpoint written on one engine gives the same probabilities on the other. */
class CrossEngineCheckpointTest {

  private static final int IMAGES = 50;
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  @ParameterizedTest(name = "trained on {0}, loaded on {1}")
  @CsvSource({"pytorch, mxnet", "mxnet, pytorch"})
  void checkpointGivesTheSameProbabilitiesOnBothEngines(String trainEngine, String otherEngine) {
    DataSplits data = TestData.sample();
    ImageSet test = data.test().first(IMAGES);
    float[][] trained;
    try (ImageClassifier model =
        ImageClassifier.builder().engine(trainEngine).variant("lenet").set("epochs", 1).build()) {
      model.fit(data.train(), data.test(), dir);
      trained = probabilities(model, test);
    }
    assertEquals(trainEngine, Checkpoint.open(dir, CnnFamily.NAME).info().engine());

    float[][] same;
    float[][] other;
    int[] sameClasses;
    int[] otherClasses;
    try (ImageClassifier a = ImageClassifier.load(dir, trainEngine);
        ImageClassifier b = ImageClassifier.load(dir, otherEngine)) {
      assertEquals(trainEngine, a.engine().backend().name());
      assertEquals(otherEngine, b.engine().backend().name());
      assertEquals("lenet", b.variant());
      assertEquals(a.labels(), b.labels());
      same = probabilities(a, test);
      other = probabilities(b, test);
      sameClasses = a.predictClasses(test, range(IMAGES));
      otherClasses = b.predictClasses(test, range(IMAGES));
      assertEquals(
          a.evaluate(data.test()).accuracy(),
          b.evaluate(data.test()).accuracy(),
          0.004,
          "accuracy on 500 test images (at most two near-ties may flip)");
    }
    boolean confident = false;
    for (int i = 0; i < IMAGES; i++) {
      assertArrayEquals(trained[i], same[i], 1e-6f, "reloaded on the same engine, image " + i);
      assertArrayEquals(same[i], other[i], (float) TOLERANCE, "across engines, image " + i);
      assertEquals(argMax(same[i]), argMax(other[i]), "predicted class of image " + i);
      assertEquals(argMax(same[i]), sameClasses[i]);
      confident |= same[i][argMax(same[i])] > 0.5f;
    }
    assertArrayEquals(sameClasses, otherClasses);
    // The comparison means something only if the model is trained, not uniform.
    assertTrue(confident, "no image is classified with probability above 0.5");
  }

  /** All class probabilities of each image, indexed by class. */
  private static float[][] probabilities(ImageClassifier model, ImageSet images) {
    float[][] result = new float[images.size()][];
    for (int i = 0; i < images.size(); i++) {
      List<Classification> all = model.predict(images.image(i), model.labels().size());
      float[] p = new float[all.size()];
      for (Classification prediction : all) {
        p[prediction.index()] = (float) prediction.probability();
      }
      result[i] = p;
    }
    return result;
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
