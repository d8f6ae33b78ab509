package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Saving and loading keep the generator; a resumed run continues the interrupted one exactly. */
class CheckpointTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void loadedGeneratorDrawsTheSameImages(String engine) {
    Path saved = tmp.resolve("saved");
    Images expected;
    try (ImageGenerator gan = ImageGenerator.builder().engine(engine).set("epochs", 1).build()) {
      gan.fit(GanTestSupport.images(320), null, tmp.resolve("run"));
      expected = gan.sample(12, 99);
      gan.save(saved);
    }
    try (ImageGenerator loaded = ImageGenerator.load(saved, engine)) {
      assertTrue(GanTestSupport.maxDifference(expected, loaded.sample(12, 99)) < 1e-4);
    }
    try (ImageGenerator fromRun = ImageGenerator.load(tmp.resolve("run"), engine)) {
      assertTrue(GanTestSupport.maxDifference(expected, fromRun.sample(12, 99)) < 1e-4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void resumeContinuesWhereTheRunStopped(String engine) throws IOException {
    Path data = tmp.resolve("unused");
    GanFamily family = new GanFamily();
    Path straight = tmp.resolve("straight");
    Path resumed = tmp.resolve("resumed");
    RunContext context = GanTestSupport.context(engine, null, new ByteArrayOutputStream());
    family.train(request(straight, 2, false), context);
    family.train(request(resumed, 1, false), context);
    Report report = family.train(request(resumed, 2, true), context);

    assertEquals(2, Checkpoint.open(resumed, "gan").info().epoch());
    assertEquals(2, Files.readAllLines(resumed.resolve("metrics.jsonl")).size());
    assertTrue(Files.isRegularFile(resumed.resolve("samples-epoch-002.png")));
    assertTrue(report.text().contains("epoch 2"), report.text());
    try (ImageGenerator a = ImageGenerator.load(straight, engine);
        ImageGenerator b = ImageGenerator.load(resumed, engine)) {
      double difference = GanTestSupport.maxDifference(a.sample(8, 1), b.sample(8, 1));
      assertTrue(difference < 1e-3, "straight and resumed runs differ by " + difference);
    }
    assertTrue(!Files.exists(data));
  }

  @Test
  void wganResumedBetweenGeneratorStepsMatchesTheStraightRun() {
    // 640 images in batches of 64: ten critic steps, generator steps after the first and sixth.
    ImageSet train = GanTestSupport.images(640);
    Path straight = tmp.resolve("wgan-straight");
    Path resumed = tmp.resolve("wgan-resumed");
    try (ImageGenerator gan = wgan(train)) {
      gan.fit(train, null, straight, FitOptions.defaults().withListener(TrainingListener.NONE));
    }
    try (ImageGenerator gan = wgan(train)) {
      FitOptions quiet = FitOptions.defaults().withListener(TrainingListener.NONE);
      gan.fit(train, null, resumed, quiet.withMaxSteps(3));
      assertEquals(3.0, Checkpoint.open(resumed, "gan").info().metrics().get("steps"));
    }
    TrainingSummary rest;
    try (ImageGenerator gan = wgan(train)) {
      rest =
          gan.fit(
              train,
              null,
              resumed,
              FitOptions.defaults().withListener(TrainingListener.NONE).withResume(true));
    }
    Map<String, Double> metrics = rest.last().metrics();
    assertTrue(Double.isFinite(metrics.get("train_loss")), metrics.toString());
    assertTrue(Double.isFinite(metrics.get("train_g_loss")), metrics.toString());
    assertEquals(10.0, Checkpoint.open(resumed, "gan").info().metrics().get("steps"));
    try (ImageGenerator a = ImageGenerator.load(straight, "pytorch");
        ImageGenerator b = ImageGenerator.load(resumed, "pytorch")) {
      double difference = GanTestSupport.maxDifference(a.sample(8, 1), b.sample(8, 1));
      assertTrue(difference < 1e-3, "straight and resumed runs differ by " + difference);
      assertArrayEquals(a.fixedNoise().values(), b.fixedNoise().values());
    }
  }

  private static ImageGenerator wgan(ImageSet train) {
    return ImageGenerator.builder()
        .variant("wgan")
        .engine("pytorch")
        .labels(train.classNames())
        .set("epochs", 1)
        .build();
  }

  private static TrainRequest request(Path out, int epochs, boolean resume) {
    return new TrainRequest(null, out, epochs, null, null, 320, resume, Map.of());
  }
}
