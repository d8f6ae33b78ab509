package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.OnnxClassifier;
import dev.zoo.api.testing.OnnxChecker;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code zoo export cnn --format onnx} of each variant, trained for a few steps on PyTorch, then
 * run on ONNX Runtime: the logits agree with PyTorch's within 1e-4, ONNX's checker accepts the
 * file, and {@code zoo predict cnn --checkpoint model.onnx} gives PyTorch's classes.
 */
class OnnxExportTest {

  private static final int N = 32;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"simple-cnn", "lenet", "resnet"})
  void exportedVariantRunsOnOnnxRuntimeAsOnPytorch(String variant) throws Exception {
    ImageSet train = TestData.sample().train().first(96);
    ImageSet test = TestData.sample().test().first(N);
    Path run = dir.resolve("run");
    Path file = dir.resolve(variant + ".onnx");
    float[] pixels = new float[N * 28 * 28];
    for (int i = 0; i < N; i++) {
      test.copyImage(i, pixels, i * 28 * 28);
    }
    Path png = TestData.writePng(dir.resolve("one.png"), test.image(0), 28, 28);
    float[] expected;
    List<Classification> expectedTop;
    try (ImageClassifier model =
        ImageClassifier.builder()
            .engine("pytorch")
            .variant(variant)
            .set("epochs", 1)
            .set("batch_size", 32)
            .seed(7)
            .build()) {
      model.fit(train, test, run);
      try (NDManager scope = model.manager().newSubManager()) {
        expected = model.forward(scope, pixels, N, false).toFloatArray();
      }
      expectedTop = model.predict(png, 3);
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report report =
        new CnnFamily()
            .export(ModelRequest.of(run).withOut(file), TestData.context("pytorch", null, log));
    assertTrue(report.text().startsWith("Exported cnn/" + variant + " from "), report.text());
    assertTrue(OnnxChecker.check(file).startsWith("ok 17 "));

    float[] actual;
    try (OnnxClassifier onnx =
        OnnxClassifier.open(new CnnFamily(), file, TestData.context("onnxruntime", null, log))) {
      assertEquals("onnxruntime", onnx.engine());
      actual = onnx.logits(pixels, N);
    }
    double worst = OnnxChecker.largestDifference(expected, actual);
    System.out.printf("%s: largest logit difference ONNX Runtime - PyTorch %.3g%n", variant, worst);
    assertTrue(worst < 1e-4, variant + ": ONNX Runtime differs from PyTorch by " + worst);

    Report predicted =
        new CnnFamily()
            .predict(
                ModelRequest.of(file).withInputs(List.of(png.toString())),
                TestData.context(null, null, log));
    String text = predicted.text();
    int first = text.indexOf("  " + expectedTop.get(0).label() + " ");
    int second = text.indexOf("  " + expectedTop.get(1).label() + " ");
    int third = text.indexOf("  " + expectedTop.get(2).label() + " ");
    assertTrue(0 < first && first < second && second < third, expectedTop + " vs " + text);
  }

  @Test
  void anOnnxFileRefusesAnotherEngineAndTheExportAMissingFolder() throws Exception {
    ImageSet train = TestData.sample().train().first(32);
    Path run = dir.resolve("run");
    try (ImageClassifier model =
        ImageClassifier.builder().engine("pytorch").set("epochs", 1).build()) {
      model.fit(train, train, run);
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path missing = dir.resolve("absent/model.onnx");
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                new CnnFamily()
                    .export(
                        ModelRequest.of(run).withOut(missing),
                        TestData.context("pytorch", null, log)));
    assertTrue(e.getMessage().startsWith("The folder of " + missing + " does not exist"));
    assertTrue(!Files.exists(missing.getParent()));

    Path file = dir.resolve("model.onnx");
    new CnnFamily()
        .export(ModelRequest.of(run).withOut(file), TestData.context("pytorch", null, log));
    EngineException refused =
        assertThrows(
            EngineException.class,
            () -> OnnxClassifier.open(new CnnFamily(), file, TestData.context("mxnet", null, log)));
    assertEquals("An ONNX file runs on onnxruntime only, not on mxnet.", refused.getMessage());
  }
}
