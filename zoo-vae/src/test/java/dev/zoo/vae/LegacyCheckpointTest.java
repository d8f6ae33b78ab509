package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.Images;
import dev.zoo.api.testing.LegacyExpected;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A VAE checkpoint written by the code of commit 04c3eed ({@code
 * src/test/resources/legacy/conv-vae}, made by the {@code LegacyCheckpointWriter} of commit
 * 6e8b9b0) still loads, on the engine that wrote it and on the other, and gives the latent codes,
 * scores and images recorded then.
 */
class LegacyCheckpointTest {

  static final String CONV_VAE = "conv-vae";

  /** The side of the fixture's images. */
  static final int SIDE = 12;

  @TempDir Path dir;

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"pytorch", "mxnet"})
  void convVaeGivesTheRecordedCodesScoresAndImages(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(CONV_VAE, dir);
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(checkpoint, engine)) {
      assertEquals(engine, vae.engine().backend().name());
      assertEquals(CONV_VAE, vae.variant());
      assertEquals(2, vae.latentDim());
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(CONV_VAE), measure(vae), CONV_VAE + " on " + engine);
    }
  }

  @Test
  void convVaeCheckpointKeepsItsTrainingState() {
    Checkpoint cp = Checkpoint.open(LegacyExpected.copyCheckpoint(CONV_VAE, dir), VaeFamily.NAME);
    assertEquals(CONV_VAE, cp.info().variant());
    assertEquals("pytorch", cp.info().engine());
    assertEquals(1, cp.info().epoch());
    assertEquals(List.of(1, SIDE, SIDE), cp.info().inputShape());
    assertEquals("2", cp.info().hyperparameters().get("latent_dim"));
    assertEquals(2.0, cp.info().metrics().get("steps"));
    assertEquals(2, LegacyExpected.adamSteps(cp, VariationalAutoencoder.OPTIMIZER));
  }

  /**
   * The latent means and the negative-ELBO terms of two fixed images, three images sampled with
   * seed 11, and the images decoded from two fixed codes.
   */
  static LegacyExpected.Values measure(VariationalAutoencoder vae) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    for (int which = 0; which < 2; which++) {
      float[] image = image(which);
      values.put("encode.image" + which, vae.encode(image));
      ElboTerms terms = vae.score(image);
      values.put(
          "score.image" + which + ".reconstruction,kl",
          new double[] {terms.reconstruction(), terms.kl()});
    }
    values.summary("sample.count3.seed11", flatten(vae.sample(3, 11)));
    values.summary(
        "decode.codes(0,0),(1,-1)", flatten(vae.decode(new float[][] {{0, 0}, {1, -1}})));
    return values;
  }

  private static float[] flatten(Images images) {
    int size = images.height() * images.width();
    float[] all = new float[images.size() * size];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.pixels().get(i), 0, all, i * size, size);
    }
    return all;
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
