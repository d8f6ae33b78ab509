package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.Images;
import dev.zoo.api.model.OnnxModels;
import dev.zoo.api.testing.OnnxChecker;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code zoo export gan --format onnx} writes the generator of a briefly trained model; on ONNX
 * Runtime it draws the images PyTorch draws from the same noise, within 1e-4, and ONNX's checker
 * accepts it.
 */
class OnnxExportTest {

  private static final int N = 8;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dcgan", "mlp-gan"})
  void exportedGeneratorDrawsPytorchsImages(String variant) throws Exception {
    Path run = TinyModels.train(dir.resolve("run"), variant);
    Path file = dir.resolve(variant + ".onnx");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    float[] noise;
    Images expected;
    try (ImageGenerator gan = ImageGenerator.load(run, "pytorch")) {
      noise = gan.noise(N, 11);
      expected = gan.nets().draw(noise, null);
    }
    Report report =
        new GanFamily()
            .export(
                ModelRequest.of(run).withOut(file), GanTestSupport.context("pytorch", null, log));
    assertTrue(report.text().startsWith("Exported gan/" + variant + " (generator) "));
    assertTrue(OnnxChecker.check(file).startsWith("ok 17 "));

    float[] actual;
    try (OnnxModels.Opened onnx =
        OnnxModels.open(new GanFamily(), file, GanTestSupport.context(null, null, log))) {
      assertEquals(new Shape(noise.length / N), onnx.input());
      actual = onnx.network().run(noise, N, onnx.input()).values();
    }
    double worst = 0;
    for (int i = 0; i < N; i++) {
      float[] image = expected.image(i);
      for (int p = 0; p < image.length; p++) {
        // The family draws (tanh + 1) / 2; the exported generator ends at tanh.
        worst = Math.max(worst, Math.abs(2 * image[p] - 1 - actual[i * image.length + p]));
      }
    }
    System.out.printf("%s: largest pixel difference ONNX Runtime - PyTorch %.3g%n", variant, worst);
    assertTrue(worst < 1e-4, variant + ": ONNX Runtime differs from PyTorch by " + worst);
  }

  @Test
  void theGanTakesNoPartOption() {
    Path run = TinyModels.train(dir.resolve("run"), "mlp-gan");
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                new GanFamily()
                    .export(
                        ModelRequest.of(run).withOut(dir.resolve("g.onnx")).with("part", "x"),
                        GanTestSupport.context("pytorch", null, new ByteArrayOutputStream())));
    assertEquals("--part does not apply to zoo export gan.", e.getMessage());
  }
}
