package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.model.Classification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo eval} and {@code zoo predict} through the family API on a trained checkpoint. */
class EvaluatePredictTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Report trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() throws IOException {
    DataSplits sample = TestData.sample();
    data = TestData.writeIdxDir(shared.resolve("data"), sample.train(), sample.test());
    run = shared.resolve("run");
    trained =
        new CnnFamily()
            .train(
                new TrainRequest("lenet", run, 1, null, null, null, false, Map.of()),
                TestData.context("pytorch", data, new ByteArrayOutputStream()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void evaluateReportsAccuracyPerClassAndConfusionMatrix() {
    Report report =
        new CnnFamily()
            .evaluate(
                ModelRequest.of(run), TestData.context("mxnet", data, new ByteArrayOutputStream()));
    Map<String, Object> json = report.data();
    double accuracy = (Double) json.get("accuracy");
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertTrue(accuracy > 0.3, "a trained model beats chance (0.1): " + accuracy);
    assertEquals(500L, json.get("examples"));
    assertEquals("mxnet", json.get("engine"));
    assertEquals("lenet", json.get("variant"));
    assertEquals(
        run.resolve("checkpoint").toAbsolutePath().normalize().toString(), json.get("checkpoint"));
    // The checkpoint was written on PyTorch; MXNet gives the training run's final figure.
    assertEquals((Double) trained.data().get("accuracy"), accuracy, 0.004);

    List<Map<String, Object>> perClass = (List<Map<String, Object>>) json.get("per_class");
    assertEquals(10, perClass.size());
    long support = 0;
    for (int c = 0; c < 10; c++) {
      Map<String, Object> m = perClass.get(c);
      assertEquals(FashionMnist.CLASS_NAMES.get(c), m.get("class"));
      for (String key : List.of("precision", "recall", "f1")) {
        double v = (Double) m.get(key);
        assertTrue(v >= 0 && v <= 1, key + " " + v);
      }
      support += (Long) m.get("support");
    }
    assertEquals(500, support);
    int[][] confusion = (int[][]) json.get("confusion_matrix");
    int diagonal = 0;
    int total = 0;
    for (int t = 0; t < 10; t++) {
      for (int p = 0; p < 10; p++) {
        total += confusion[t][p];
      }
      diagonal += confusion[t][t];
      assertEquals((Long) perClass.get(t).get("support"), (long) rowSum(confusion[t]));
    }
    assertEquals(500, total);
    assertEquals(diagonal / 500.0, accuracy, 1e-12);
    assertTrue(report.text().contains("on 500 test images"), report.text());
  }

  private static int rowSum(int[] row) {
    int s = 0;
    for (int v : row) {
      s += v;
    }
    return s;
  }

  @Test
  @SuppressWarnings("unchecked")
  void predictReturnsTopThreeSortedProbabilities() throws IOException {
    DataSplits sample = TestData.sample();
    Path first = TestData.writePng(dir.resolve("first.png"), sample.test().image(0), 28, 28);
    Path second = TestData.writePng(dir.resolve("second.png"), sample.test().image(1), 28, 28);
    Report report =
        new CnnFamily()
            .predict(
                ModelRequest.of(run).withInputs(List.of(first.toString(), second.toString())),
                TestData.context("pytorch", null, new ByteArrayOutputStream()));
    List<Map<String, Object>> rows = (List<Map<String, Object>>) report.data().get("predictions");
    assertEquals(2, rows.size());
    try (ImageClassifier model = ImageClassifier.load(run, "pytorch")) {
      for (int i = 0; i < 2; i++) {
        List<Map<String, Object>> top = (List<Map<String, Object>>) rows.get(i).get("top");
        assertEquals(3, top.size());
        double sum = 0;
        double previous = Double.POSITIVE_INFINITY;
        for (Map<String, Object> p : top) {
          double probability = (Double) p.get("probability");
          assertTrue(probability >= 0 && probability <= previous, "sorted descending: " + top);
          assertTrue(FashionMnist.CLASS_NAMES.contains((String) p.get("label")));
          previous = probability;
          sum += probability;
        }
        assertTrue(sum <= 1 + 1e-6, "top-3 probabilities sum to " + sum);
        assertTrue(sum > (Double) top.get(0).get("probability"), "three non-zero classes");
        // The PNG round trip is exact, so the file gives the in-memory image's answer.
        List<Classification> direct = model.predict(sample.test().image(i), 3);
        for (int k = 0; k < 3; k++) {
          assertEquals(direct.get(k).label(), top.get(k).get("label"));
          assertEquals(direct.get(k).probability(), (Double) top.get(k).get("probability"), 1e-6);
        }
      }
      // All ten probabilities sum to one.
      double all =
          model.predict(sample.test().image(0), 10).stream()
              .mapToDouble(Classification::probability)
              .sum();
      assertEquals(1.0, all, 1e-5);
      assertEquals(10, model.predict(sample.test().image(0), 99).size());
    }
    String text = report.text();
    assertTrue(text.startsWith(first + ":"), text);
    assertEquals(2, text.lines().count(), text);
  }

  @Test
  void predictConvertsAndResizesColourImages() throws IOException {
    DataSplits sample = TestData.sample();
    float[] grey = sample.test().image(3);
    // A 56x56 RGB picture of the same image, each pixel doubled: grey and shrunk, it is the same.
    BufferedImage rgb = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 56; x++) {
        int v = Math.round(grey[(y / 2) * 28 + x / 2] * 255f);
        rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    Path big = dir.resolve("big.png");
    ImageIO.write(rgb, "png", big.toFile());
    Path small = TestData.writePng(dir.resolve("small.png"), grey, 28, 28);
    try (ImageClassifier model = ImageClassifier.load(run, "pytorch")) {
      List<Classification> a = model.predict(big, 3);
      List<Classification> b = model.predict(small, 3);
      for (int k = 0; k < 3; k++) {
        assertEquals(b.get(k).index(), a.get(k).index());
        assertEquals(b.get(k).probability(), a.get(k).probability(), 1e-4);
      }
    }
  }
}
