package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.model.OnnxClassifier;
import dev.zoo.api.testing.OnnxChecker;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code zoo export tabular --format onnx} of a perceptron trained for a few epochs on PyTorch, run
 * on ONNX Runtime: logits within 1e-4 of PyTorch's, ONNX's checker accepts the file, and {@code zoo
 * eval tabular --checkpoint model.onnx} reports PyTorch's figures. Three classes (the embedded
 * fruit table) and two (breast cancer: one logit).
 */
class OnnxExportTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fruit", "breast_cancer.csv"})
  void exportedPerceptronRunsOnOnnxRuntimeAsOnPytorch(String table) throws Exception {
    Path data = table.equals("fruit") ? null : TestData.sklearn(table, dir.resolve("data"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path run = dir.resolve("run");
    TestData.train(TestData.request(run, 3, Map.of()), data);
    float[] rows;
    float[] expected;
    int n;
    try (TabularClassifier model = TabularClassifier.load(run, "pytorch")) {
      CsvTable test = TabularFamily.data(data, model.seed()).get(1);
      n = test.rows().size();
      rows = standardised(model, test);
      try (NDManager scope = model.manager().newSubManager()) {
        expected = model.forward(scope, rows, n, false).toFloatArray();
      }
    }
    Path file = dir.resolve("mlp.onnx");
    new TabularFamily()
        .export(ModelRequest.of(run).withOut(file), TestData.context("pytorch", data, log));
    assertTrue(OnnxChecker.check(file).startsWith("ok 17 "));

    float[] actual;
    try (OnnxClassifier onnx =
        OnnxClassifier.open(new TabularFamily(), file, TestData.context(null, data, log))) {
      assertEquals("onnxruntime", onnx.engine());
      actual = onnx.logits(rows, n);
    }
    double worst = OnnxChecker.largestDifference(expected, actual);
    System.out.printf("%s: largest logit difference ONNX Runtime - PyTorch %.3g%n", table, worst);
    assertTrue(worst < 1e-4, table + ": ONNX Runtime differs from PyTorch by " + worst);

    Report onPytorch =
        new TabularFamily().evaluate(ModelRequest.of(run), TestData.context("pytorch", data, log));
    Report onOnnx =
        new TabularFamily().evaluate(ModelRequest.of(file), TestData.context(null, data, log));
    assertEquals(figures(onPytorch), figures(onOnnx));
    assertEquals("onnxruntime", onOnnx.data().get("engine"));
  }

  /** The standardised features of every row of {@code table}, as the model computes them. */
  private static float[] standardised(TabularClassifier model, CsvTable table) {
    float[] x = table.matrix(model.columns());
    int d = model.columns().size();
    float[] out = new float[x.length];
    for (int i = 0; i < x.length / d; i++) {
      float[] row = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
      System.arraycopy(model.features().standardised(row), 0, out, i * d, d);
    }
    return out;
  }

  /** The report's figures, without the lines naming the model file and the engine. */
  private static List<String> figures(Report report) {
    return report.text().lines().skip(1).toList();
  }
}
