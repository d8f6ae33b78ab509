package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.testing.Concurrency;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One loaded classifier called from 8 threads at once gives every image the same classes and
 * probabilities as on one thread, on PyTorch and on MXNet.
 */
class ConcurrencyTest {

  @Test
  void eightThreadsPredictAsOne() throws Exception {
    check(ImageClassifier.pretrained("fashion-mnist/simple-cnn"), 2_000);
  }

  @Test
  void eightThreadsPredictAsOneOnMxNet() throws Exception {
    check(
        ImageClassifier.load(
            PretrainedModels.onClassPath().checkpoint("fashion-mnist/simple-cnn", "cnn"), "mxnet"),
        500);
  }

  private static void check(ImageClassifier loaded, int calls) throws Exception {
    try (ImageClassifier model = loaded) {
      float[][] images = new float[64][];
      Random random = new Random(3);
      for (int i = 0; i < images.length; i++) {
        images[i] = new float[model.height() * model.width()];
        for (int p = 0; p < images[i].length; p++) {
          images[i][p] = random.nextFloat();
        }
      }
      long checked =
          Concurrency.assertSameAnswers(8, calls, images.length, i -> model.predict(images[i], 3));
      assertEquals(8L * calls, checked);
    }
  }
}
