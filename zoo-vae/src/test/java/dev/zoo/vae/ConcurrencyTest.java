package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.testing.Concurrency;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One loaded VAE called from 8 threads at once encodes, scores and samples exactly as on one
 * thread, on PyTorch and on MXNet: each call encodes and scores one image and draws one image from
 * its own seed.
 */
class ConcurrencyTest {

  private static final String NAME = "fashion-mnist/conv-vae";

  @Test
  void eightThreadsEncodeScoreAndSampleAsOne() throws Exception {
    check(VariationalAutoencoder.pretrained(NAME), 400);
  }

  @Test
  void eightThreadsEncodeScoreAndSampleAsOneOnMxNet() throws Exception {
    check(
        VariationalAutoencoder.load(
            PretrainedModels.onClassPath().checkpoint(NAME, "vae"), "mxnet"),
        200);
  }

  private static void check(VariationalAutoencoder loaded, int calls) throws Exception {
    try (VariationalAutoencoder model = loaded) {
      float[][] images = new float[64][model.height() * model.width()];
      Random random = new Random(3);
      for (float[] image : images) {
        for (int p = 0; p < image.length; p++) {
          image[p] = random.nextFloat();
        }
      }
      long checked =
          Concurrency.assertSameAnswers(
              8,
              calls,
              images.length,
              i ->
                  new Object[] {
                    model.encode(images[i]),
                    model.score(images[i]),
                    model.sample(1, i).pixels().get(0)
                  });
      assertEquals(8L * calls, checked);
    }
  }
}
