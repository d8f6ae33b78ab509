package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
 * A GAN checkpoint written by the code of commit 04c3eed ({@code src/test/resources/legacy/dcgan},
 * made by the {@code LegacyCheckpointWriter} of commit 6e8b9b0) still loads, on the engine that
 * wrote it and on the other, and gives the images, fixed noise and discriminator scores recorded
 * then.
 */
class LegacyCheckpointTest {

  static final String DCGAN = "dcgan";

  /** The side of the fixture's images: the smallest the GAN family takes. */
  static final int SIDE = 8;

  @TempDir Path dir;

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"pytorch", "mxnet"})
  void dcganDrawsTheRecordedImages(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(DCGAN, dir);
    try (ImageGenerator gan = ImageGenerator.load(checkpoint, engine)) {
      assertEquals(engine, gan.engine().backend().name());
      assertEquals(DCGAN, gan.variant());
      assertFalse(gan.conditional());
      assertEquals(8, gan.latent());
      assertEquals(SIDE, gan.height());
      assertEquals(SIDE, gan.width());
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(DCGAN), measure(gan), DCGAN + " on " + engine);
    }
  }

  @Test
  void dcganCheckpointHoldsBothNetworksAndTheFixedNoise() {
    Checkpoint cp = Checkpoint.open(LegacyExpected.copyCheckpoint(DCGAN, dir), GanFamily.NAME);
    assertEquals(DCGAN, cp.info().variant());
    assertEquals("pytorch", cp.info().engine());
    assertEquals(List.of(1, SIDE, SIDE), cp.info().inputShape());
    assertEquals("8", cp.info().hyperparameters().get("latent"));
    assertEquals("3", cp.info().hyperparameters().get("kernel"));
    assertEquals(
        java.util.Set.of(
            GanNetworks.GENERATOR_FILE, GanNetworks.DISCRIMINATOR_FILE, FixedNoise.FILE),
        cp.info().files().keySet());
  }

  /**
   * Four images drawn with seed 7, the first values of the fixed noise stored in the checkpoint,
   * and the discriminator's scores of two fixed images.
   */
  static LegacyExpected.Values measure(ImageGenerator gan) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    Images images = gan.sample(4, 7);
    float[] all = new float[images.size() * SIDE * SIDE];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.pixels().get(i), 0, all, i * SIDE * SIDE, SIDE * SIDE);
    }
    values.summary("generate.count4.seed7", all);
    values.summary("fixed_noise", gan.fixedNoise().values());
    float[] pixels = new float[2 * SIDE * SIDE];
    for (int which = 0; which < 2; which++) {
      System.arraycopy(image(which), 0, pixels, which * SIDE * SIDE, SIDE * SIDE);
    }
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = pixels[i] * 2f - 1f;
    }
    try (NDManager scope = gan.manager().newSubManager()) {
      NDArray x = scope.create(pixels, new Shape(2, 1, SIDE, SIDE));
      values.put(
          "discriminator.logits.image0,1",
          gan.nets().discriminate(scope, x, null, false).toFloatArray());
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
