package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.model.OnnxModels;
import dev.zoo.api.testing.OnnxChecker;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code zoo export vae --part decoder|encoder}: on ONNX Runtime the decoder draws the images the
 * model decodes from the same codes, and the encoder gives the model's latent means, within 1e-4 of
 * PyTorch; ONNX's checker accepts both files; another part is refused.
 */
class OnnxExportTest {

  private static final int N = 8;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"conv-vae", "mlp-vae"})
  void exportedDecoderAndEncoderRunOnOnnxRuntimeAsOnPytorch(String variant) throws Exception {
    ImageSet train = FashionMnist.embeddedSample().train().first(64);
    ImageSet test = FashionMnist.embeddedSample().test().first(N);
    Path run = dir.resolve("run");
    int latent;
    float[][] codes;
    Images decoded;
    float[][] means = new float[N][];
    try (VariationalAutoencoder vae =
        VariationalAutoencoder.builder()
            .variant(variant)
            .engine("pytorch")
            .seed(3)
            .set("epochs", 1)
            .set("batch_size", 32)
            .build()) {
      vae.fit(train, test, run);
      latent = vae.latentDim();
      Random random = new Random(5);
      codes = new float[N][latent];
      for (float[] code : codes) {
        for (int j = 0; j < latent; j++) {
          code[j] = (float) random.nextGaussian();
        }
      }
      decoded = vae.decode(codes);
      for (int i = 0; i < N; i++) {
        means[i] = vae.encode(test.image(i));
      }
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path decoder = dir.resolve("decoder.onnx");
    Path encoder = dir.resolve("encoder.onnx");
    VaeFamily family = new VaeFamily();
    family.export(ModelRequest.of(run).withOut(decoder), Fixtures.context("pytorch", null, log));
    family.export(
        ModelRequest.of(run).withOut(encoder).with("part", "encoder"),
        Fixtures.context("pytorch", null, log));
    assertTrue(OnnxChecker.check(decoder).startsWith("ok 17 "));
    assertTrue(OnnxChecker.check(encoder).startsWith("ok 17 "));

    double worst = 0;
    try (OnnxModels.Opened onnx =
        OnnxModels.open(family, decoder, Fixtures.context(null, null, log))) {
      assertEquals(new Shape(latent), onnx.input());
      float[] flat = new float[N * latent];
      for (int i = 0; i < N; i++) {
        System.arraycopy(codes[i], 0, flat, i * latent, latent);
      }
      float[] images = onnx.network().run(flat, N, onnx.input()).values();
      int size = images.length / N;
      for (int i = 0; i < N; i++) {
        for (int p = 0; p < size; p++) {
          worst = Math.max(worst, Math.abs(decoded.image(i)[p] - images[i * size + p]));
        }
      }
    }
    try (OnnxModels.Opened onnx =
        OnnxModels.open(family, encoder, Fixtures.context(null, null, log))) {
      assertEquals(new Shape(1, 28, 28), onnx.input());
      float[] pixels = new float[N * 28 * 28];
      for (int i = 0; i < N; i++) {
        test.copyImage(i, pixels, i * 28 * 28);
      }
      float[] out = onnx.network().run(pixels, N, onnx.input()).values();
      assertEquals(N * 2 * latent, out.length);
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < latent; j++) {
          worst = Math.max(worst, Math.abs(means[i][j] - out[i * 2 * latent + j]));
        }
      }
    }
    System.out.printf("%s: largest difference ONNX Runtime - PyTorch %.3g%n", variant, worst);
    assertTrue(worst < 1e-4, variant + ": ONNX Runtime differs from PyTorch by " + worst);

    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                family.export(
                    ModelRequest.of(run).withOut(decoder).with("part", "prior"),
                    Fixtures.context("pytorch", null, log)));
    assertEquals("--part must be decoder or encoder, not 'prior'.", e.getMessage());
  }
}
