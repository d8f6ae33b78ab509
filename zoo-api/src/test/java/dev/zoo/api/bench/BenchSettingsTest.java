package dev.zoo.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.InvalidSettingException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A benchmark's own settings, given with --set bench.NAME=VALUE, apart from hyper-parameters. */
class BenchSettingsTest {

  private static TrainRequest request(Map<String, String> overrides) {
    return new TrainRequest("dcgan", Path.of("run"), null, 64, null, 500, false, overrides);
  }

  @Test
  void splitsTheBenchmarksSettingsFromTheHyperparameters() {
    BenchSettings bench =
        BenchSettings.of(request(Map.of("bench.longer", "1", "steps", "40"))).allowOnly("longer");

    assertEquals(Map.of("steps", "40"), bench.request().overrides());
    assertEquals(Integer.valueOf(64), bench.request().batchSize());
    assertEquals(Integer.valueOf(500), bench.request().limit());
    assertEquals("dcgan", bench.request().variant());
    assertEquals(1, bench.positive("longer", 3));
    assertEquals(3, BenchSettings.of(request(Map.of())).positive("longer", 3));
  }

  @Test
  void refusesAnUnknownSettingAndOneThatIsNotAPositiveNumber() {
    InvalidSettingException unknown =
        assertThrows(
            InvalidSettingException.class,
            () -> BenchSettings.of(request(Map.of("bench.longr", "2"))).allowOnly("longer"));
    assertEquals(
        "Unknown benchmark setting bench.longr; known: bench.longer.", unknown.getMessage());
    InvalidSettingException zero =
        assertThrows(
            InvalidSettingException.class,
            () -> BenchSettings.of(request(Map.of("bench.longer", "0"))).positive("longer", 3));
    assertEquals(
        "Setting bench.longer must be a positive whole number, not '0'.", zero.getMessage());
  }
}
