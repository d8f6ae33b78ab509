package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    float[][] expected;
    try (ImageGenerator gan = ImageGenerator.builder().engine(engine).set("epochs", 1).build()) {
      gan.fit(GanTestSupport.images(320), tmp.resolve("run"));
      expected = gan.generate(12, 99);
      gan.save(saved);
    }
    try (ImageGenerator loaded = ImageGenerator.load(saved, engine)) {
      assertTrue(GanTestSupport.maxDifference(expected, loaded.generate(12, 99)) < 1e-4);
    }
    try (ImageGenerator fromRun = ImageGenerator.load(tmp.resolve("run"), engine)) {
      assertTrue(GanTestSupport.maxDifference(expected, fromRun.generate(12, 99)) < 1e-4);
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
      double difference = GanTestSupport.maxDifference(a.generate(8, 1), b.generate(8, 1));
      assertTrue(difference < 1e-3, "straight and resumed runs differ by " + difference);
    }
    assertTrue(!Files.exists(data));
  }

  private static TrainRequest request(Path out, int epochs, boolean resume) {
    return new TrainRequest(null, out, epochs, null, null, 320, resume, Map.of());
  }
}
