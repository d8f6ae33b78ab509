package com.example.clothes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.model.Classification;
import dev.zoo.api.train.TrainingSummary;
import dev.zoo.cnn.ImageClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application with {@code dev.zoo:zoo-cnn} and {@code dev.zoo:zoo-engine-pytorch} as its
 * only zoo dependencies can do: build a classifier (on PyTorch, the one engine it has), train it on
 * Fashion-MNIST (the sample embedded in the zoo when the Debian package is absent), save it, load
 * it and classify an image.
 */
class ClothesClassifierTest {

  @TempDir Path dir;

  @Test
  void trainsSavesLoadsAndPredictsOnPyTorch() {
    DataSplits data = FashionMnist.locate(null);
    ImageSet train = data.train().first(640);
    ImageSet test = data.test().first(100);
    float[] image = test.image(0);
    List<Classification> beforeSaving;

    try (ImageClassifier model =
        ImageClassifier.builder()
            .variant("lenet")
            .set("batch_size", 32)
            .set("epochs", 1)
            .build()) {
      assertEquals("pytorch", model.engine().backend().name());
      assertEquals("PyTorch", model.manager().getEngine().getEngineName());

      TrainingSummary summary = model.fit(train, test, dir.resolve("run"));

      assertEquals(1, summary.epochs().size(), "one epoch: 20 steps of 32 images");
      double loss = summary.last().metrics().get("train_loss");
      assertTrue(Double.isFinite(loss) && loss > 0, "train_loss " + loss);
      model.save(dir.resolve("clothes"));
      beforeSaving = model.predict(image, 10);
    }
    assertTrue(Files.isRegularFile(dir.resolve("clothes/model.json")));

    try (ImageClassifier model = ImageClassifier.load(dir.resolve("clothes"))) {
      assertEquals("pytorch", model.engine().backend().name());
      List<Classification> top = model.predict(image, 10);

      assertEquals(10, top.size());
      assertEquals(new HashSet<>(FashionMnist.CLASS_NAMES), new HashSet<>(labels(top)));
      double sum = 0;
      for (Classification c : top) {
        assertTrue(c.probability() >= 0 && c.probability() <= 1, c.toString());
        sum += c.probability();
      }
      assertEquals(1.0, sum, 1e-4, "the probabilities of all classes sum to 1");
      for (int i = 1; i < top.size(); i++) {
        assertTrue(top.get(i - 1).probability() >= top.get(i).probability(), "most likely first");
      }
      for (int i = 0; i < top.size(); i++) {
        assertEquals(beforeSaving.get(i).label(), top.get(i).label());
        assertEquals(beforeSaving.get(i).probability(), top.get(i).probability(), 1e-5);
      }
    }
  }

  private static List<String> labels(List<Classification> classes) {
    return classes.stream().map(Classification::label).toList();
  }
}
