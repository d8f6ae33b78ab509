package dev.zoo.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measurements written to a speeds file: the ones of the same job and device are replaced. */
class EngineSpeedsTest {

  @TempDir Path dir;

  private static EngineSpeeds.Measurement m(String job, String device, double mxnet) {
    return new EngineSpeeds.Measurement(
        job, device, Map.of("mxnet", mxnet, "pytorch", 100.0), "0.35.1", "2026-11-29", "test");
  }

  @Test
  void mergeReplacesTheSameJobAndDeviceAndKeepsTheOthersInTheirOrder() throws Exception {
    Path file = dir.resolve("sub/engine-speeds.json");
    EngineSpeeds.merge(
        file,
        List.of(
            m("training cnn/simple-cnn", "cpu", 1),
            m("training gan/dcgan", "cpu", 2),
            m("training cnn/simple-cnn", "gpu", 3)));
    EngineSpeeds.merge(file, List.of(m("training cnn/simple-cnn", "cpu", 4)));

    assertEquals(
        List.of(
            m("training cnn/simple-cnn", "cpu", 4),
            m("training gan/dcgan", "cpu", 2),
            m("training cnn/simple-cnn", "gpu", 3)),
        EngineSpeeds.read(file));
    assertEquals('[', Files.readString(file).charAt(0));
    assertEquals(
        4.0,
        EngineSpeeds.of(EngineSpeeds.read(file))
            .lookup("running cnn/simple-cnn", "cpu")
            .orElseThrow()
            .perSecond()
            .get("mxnet"));
  }

  @Test
  void aMissingOrUnreadableFileHoldsNoMeasurement() throws Exception {
    assertEquals(List.of(), EngineSpeeds.read(dir.resolve("none.json")));
    Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
    assertEquals(List.of(), EngineSpeeds.read(bad));
  }
}
