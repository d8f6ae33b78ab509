package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A short real training run of the default variant on each engine that trains. */
class TrainingTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void trainingMovesTheDiscriminatorAndChangesTheImages(String engine) {
    ImageSet train = GanTestSupport.images(2000);
    ImageSet validation = FashionMnist.embeddedSample().test().first(256);
    Path run = tmp.resolve("run");
    try (ImageGenerator gan =
        ImageGenerator.builder().engine(engine).set("epochs", 1).seed(3).build()) {
      double accuracyBefore = gan.nets().discriminatorAccuracy(train, 11);
      Images before = gan.sample(16, 5);
      TrainingSummary summary = gan.fit(train, validation, run);
      double accuracyAfter = gan.nets().discriminatorAccuracy(train, 11);
      Images after = gan.sample(16, 5);

      assertEquals(1, summary.completedEpochs());
      assertTrue(
          Math.abs(accuracyAfter - accuracyBefore) > 0.15,
          "discriminator accuracy " + accuracyBefore + " -> " + accuracyAfter);
      assertTrue(accuracyAfter > 0.6, "discriminator accuracy after training " + accuracyAfter);
      double change = GanTestSupport.meanDifference(before, after);
      assertTrue(change > 0.05, "mean pixel change " + change);
      double trainAccuracy = summary.last().metrics().get("train_d_accuracy");
      double validationAccuracy = summary.last().metrics().get("validation_d_accuracy");
      assertTrue(
          validationAccuracy >= 0 && validationAccuracy <= 1,
          "validation accuracy " + validationAccuracy);
      assertTrue(trainAccuracy > 0.6, "training accuracy " + trainAccuracy);
      for (String key :
          new String[] {"train_d_loss", "train_g_loss", "train_d_real", "train_d_fake"}) {
        assertTrue(Double.isFinite(summary.last().metrics().get(key)), key);
      }
    }
    assertTrue(Files.isRegularFile(run.resolve("samples-epoch-001.png")));
    assertTrue(Files.isRegularFile(run.resolve("samples.png")));
    assertTrue(Files.isRegularFile(run.resolve("checkpoint/model.json")));
  }
}
