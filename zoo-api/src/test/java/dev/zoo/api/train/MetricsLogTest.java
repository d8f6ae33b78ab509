package dev.zoo.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

  @TempDir Path run;

  private static Map<String, Object> record(int epoch, double loss) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("epoch", epoch);
    record.put("train_loss", loss);
    return record;
  }

  private static List<Integer> epochs(MetricsLog log) {
    return log.read().stream().map(o -> o.has("epoch") ? o.get("epoch").getAsInt() : -1).toList();
  }

  @Test
  void appendsOneLinePerRecord() throws IOException {
    MetricsLog log = new MetricsLog(run);

    log.append(record(1, 0.5));
    log.append(record(2, Double.NaN));

    assertEquals(2, Files.readAllLines(run.resolve(MetricsLog.FILE)).size());
    List<JsonObject> records = log.read();
    assertEquals(0.5, records.get(0).get("train_loss").getAsDouble());
    assertTrue(Double.isNaN(records.get(1).get("train_loss").getAsDouble()));
  }

  @Test
  void truncateAfterDropsLaterEpochsOnly() throws IOException {
    MetricsLog log = new MetricsLog(run);
    for (int epoch = 1; epoch <= 4; epoch++) {
      log.append(record(epoch, 1.0 / epoch));
    }
    log.append(Map.of("note", "no epoch"));
    Files.writeString(run.resolve(MetricsLog.FILE), "\n", java.nio.file.StandardOpenOption.APPEND);

    log.truncateAfter(2);

    assertEquals(List.of(1, 2, -1), epochs(log));
    assertEquals(0.5, log.read().get(1).get("train_loss").getAsDouble());
    assertEquals(3, Files.readAllLines(run.resolve(MetricsLog.FILE)).size(), "blank lines go");
    try (Stream<Path> files = Files.list(run)) {
      assertEquals(List.of(MetricsLog.FILE), files.map(p -> p.getFileName().toString()).toList());
    }
    log.append(record(3, 0.3));
    assertEquals(List.of(1, 2, -1, 3), epochs(log));
  }

  @Test
  void truncateAfterZeroEmptiesTheLogAndAfterTheLastKeepsAll() {
    MetricsLog log = new MetricsLog(run);
    log.append(record(1, 1));
    log.append(record(2, 2));

    log.truncateAfter(5);
    assertEquals(List.of(1, 2), epochs(log));

    log.truncateAfter(0);
    assertEquals(List.of(), epochs(log));
  }

  @Test
  void truncateWithoutAFileDoesNothing() {
    new MetricsLog(run).truncateAfter(3);

    assertFalse(Files.exists(run.resolve(MetricsLog.FILE)));
    assertEquals(List.of(), new MetricsLog(run).read());
  }

  @Test
  void anUnfinishedLastLineGoesAndTheLogIsLeftAloneWhenNothingGoes() throws IOException {
    MetricsLog log = new MetricsLog(run);
    log.append(record(1, 0.5));
    Path file = run.resolve(MetricsLog.FILE);
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);

    log.truncateAfter(1);
    assertEquals(written, Files.getLastModifiedTime(file));

    Files.writeString(file, "{\"epoch\": 2, \"train_lo", java.nio.file.StandardOpenOption.APPEND);
    log.truncateAfter(2);

    assertEquals(List.of(1), epochs(log));
    assertEquals(List.of("{\"epoch\":1,\"train_loss\":0.5}"), Files.readAllLines(file));
  }

  @Test
  void aDamagedLogIsReported() throws IOException {
    Files.writeString(run.resolve(MetricsLog.FILE), "{\"epoch\": 1}\nnot json at all {\n");

    ZooException e = assertThrows(ZooException.class, () -> new MetricsLog(run).truncateAfter(1));

    assertTrue(e.getMessage().startsWith("Cannot update"), e.getMessage());
  }
}
