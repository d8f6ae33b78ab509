package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.Classification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, evaluating and predicting on a folder of class sub-folders of PNG images. */
class ImageFolderDataTest {

  /** Fashion-MNIST label of each class folder; folders sort as bag, sneaker, trouser. */
  private static final Map<String, Integer> CLASSES = Map.of("trouser", 1, "sneaker", 7, "bag", 8);

  private static final List<String> NAMES = List.of("bag", "sneaker", "trouser");

  @TempDir static Path folder;
  private static final List<Path> testImages = new ArrayList<>();
  private static final List<String> testLabels = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void writePngs() throws IOException {
    DataSplits sample = TestData.sample();
    write(sample.train(), "train", 60, false);
    write(sample.test(), "test", 20, true);
  }

  private static void write(ImageSet set, String split, int perClass, boolean remember)
      throws IOException {
    for (Map.Entry<String, Integer> c : CLASSES.entrySet()) {
      int written = 0;
      for (int i = 0; i < set.size() && written < perClass; i++) {
        if (set.label(i) == c.getValue()) {
          Path png = folder.resolve(split).resolve(c.getKey()).resolve(i + ".png");
          TestData.writePng(png, set.image(i), 28, 28);
          if (remember) {
            testImages.add(png);
            testLabels.add(c.getKey());
          }
          written++;
        }
      }
      assertEquals(perClass, written, "not enough " + c.getKey() + " images in the sample");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void familyTrainsEvaluatesAndPredictsOnAnImageFolder() {
    CnnFamily family = new CnnFamily();
    Path out = dir.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report trained =
        family.train(
            new TrainRequest("lenet", out, 3, 16, null, null, false, Map.of()),
            TestData.context("pytorch", folder, log));
    assertTrue(
        log.toString(StandardCharsets.UTF_8).contains("images from " + folder + " (180 train, 60"),
        log.toString(StandardCharsets.UTF_8));
    assertEquals(NAMES, Checkpoint.open(out, CnnFamily.NAME).info().labels());
    // Trousers, sneakers and bags are easy to tell apart; chance is 1/3.
    assertTrue((Double) trained.data().get("accuracy") > 0.8, trained.text());

    Report evaluated =
        family.evaluate(
            ModelRequest.of(out), TestData.context("pytorch", folder, new ByteArrayOutputStream()));
    assertEquals(trained.data().get("accuracy"), evaluated.data().get("accuracy"));
    assertEquals(60L, evaluated.data().get("examples"));
    List<Map<String, Object>> perClass =
        (List<Map<String, Object>>) evaluated.data().get("per_class");
    assertEquals(3, perClass.size());
    for (int c = 0; c < 3; c++) {
      assertEquals(NAMES.get(c), perClass.get(c).get("class"));
      assertEquals(20L, perClass.get(c).get("support"));
    }

    List<String> inputs = testImages.stream().map(Path::toString).toList();
    Report predicted =
        family.predict(
            ModelRequest.of(out).withInputs(inputs),
            TestData.context("pytorch", null, new ByteArrayOutputStream()));
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) predicted.data().get("predictions");
    assertEquals(inputs.size(), rows.size());
    int right = 0;
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(inputs.get(i), rows.get(i).get("file"));
      List<Map<String, Object>> top = (List<Map<String, Object>>) rows.get(i).get("top");
      assertEquals(3, top.size());
      List<String> labels = top.stream().map(m -> (String) m.get("label")).sorted().toList();
      assertEquals(NAMES, labels, "the three classes of the folder, each once");
      if (top.get(0).get("label").equals(testLabels.get(i))) {
        right++;
      }
    }
    // predict reads the PNGs itself; it must agree with evaluate on the same files.
    assertEquals(
        (Double) evaluated.data().get("accuracy"), right / (double) rows.size(), 1e-9, "top-1");
  }

  @Test
  void classifierApiOnAnImageFolder() {
    ImageSet train = ImageFolderReader.read(folder.resolve("train"), 28, 28);
    ImageSet test = ImageFolderReader.read(folder.resolve("test"), 28, 28);
    assertEquals(NAMES, train.classNames());
    try (ImageClassifier model =
        ImageClassifier.builder()
            .engine("mxnet")
            .variant("lenet")
            .labels(train.classNames())
            .set("epochs", 3)
            .set("batch_size", 16)
            .build()) {
      model.fit(train, test, dir.resolve("api-run"));
      assertTrue(model.evaluate(test).accuracy() > 0.8);
      List<Classification> top = model.predict(testImages.get(0), 2);
      assertEquals(2, top.size());
      assertTrue(NAMES.contains(top.get(0).label()));
    }
    try (ImageClassifier loaded = ImageClassifier.load(dir.resolve("api-run"))) {
      assertEquals(NAMES, loaded.labels());
      // Fashion-MNIST's ten classes do not fit a three-class model.
      TestData.assertZooError(
          () -> loaded.evaluate(TestData.sample().test()), "differ from the model's");
    }
  }
}
