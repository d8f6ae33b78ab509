package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.testing.Concurrency;
import org.junit.jupiter.api.Test;

/**
 * One loaded GAN called from 8 threads at once draws from every seed exactly the image it draws on
 * one thread, on PyTorch and on MXNet.
 */
class ConcurrencyTest {

  private static final String NAME = "fashion-mnist/dcgan";

  @Test
  void eightThreadsSampleAsOne() throws Exception {
    check(ImageGenerator.pretrained(NAME), 600);
  }

  @Test
  void eightThreadsSampleAsOneOnMxNet() throws Exception {
    check(
        ImageGenerator.load(PretrainedModels.onClassPath().checkpoint(NAME, "gan"), "mxnet"), 250);
  }

  private static void check(ImageGenerator loaded, int calls) throws Exception {
    try (ImageGenerator model = loaded) {
      long checked =
          Concurrency.assertSameAnswers(
              8, calls, 64, seed -> model.sample(1, seed).pixels().get(0));
      assertEquals(8L * calls, checked);
    }
  }
}
