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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code zoo export gan --format onnx} writes the generator of a briefly trained model; on ONNX
 * Runtime it draws the images PyTorch draws from the same seed, within 1e-4 (conditional models
 * cycling through their classes as the checkpoint does), ONNX's checker accepts it, and {@code zoo
 * generate gan --checkpoint generator.onnx} writes a grid from it.
 */
class OnnxExportTest {

  private static final int N = 8;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dcgan", "mlp-gan", "cdcgan"})
  void exportedGeneratorDrawsPytorchsImages(String variant) throws Exception {
    Path run = TinyModels.train(dir.resolve("run"), variant);
    Path file = dir.resolve(variant + ".onnx");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Images expected;
    int classes;
    try (ImageGenerator gan = ImageGenerator.load(run, "pytorch")) {
      expected = gan.sample(N, 11);
      classes = gan.conditional() ? gan.labels().size() : 0;
    }
    Report report =
        new GanFamily()
            .export(
                ModelRequest.of(run).withOut(file), GanTestSupport.context("pytorch", null, log));
    assertTrue(report.text().startsWith("Exported gan/" + variant + " (generator) "));
    assertTrue(OnnxChecker.check(file).startsWith("ok 17 "));

    Images actual;
    try (OnnxModels.Opened onnx =
        OnnxModels.open(new GanFamily(), file, GanTestSupport.context(null, null, log))) {
      assertEquals(new Shape(100 + classes), onnx.input());
      actual = GanOnnx.draw(onnx, N, 11, classes, null);
    }
    assertEquals(expected.size(), actual.size());
    double worst = GanTestSupport.maxDifference(expected, actual);
    System.out.printf("%s: largest pixel difference ONNX Runtime - PyTorch %.3g%n", variant, worst);
    assertTrue(worst < 1e-4, variant + ": ONNX Runtime differs from PyTorch by " + worst);

    Path grid = dir.resolve("grid.png");
    Report drawn =
        new GanFamily()
            .generate(
                ModelRequest.of(file).withOut(grid).with("count", 4),
                GanTestSupport.context(null, null, log));
    assertTrue(Files.size(grid) > 0, drawn.text());
    assertEquals(file.toString(), drawn.data().get("checkpoint"));
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
