package dev.zoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.HyperparametersTest;
import dev.zoo.api.common.ZooException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainRequestTest {

  private static final Path OUT = Path.of("runs", "test");

  private static TrainRequest request(
      Integer epochs, Integer batchSize, Double learningRate, Integer limit) {
    return new TrainRequest(null, OUT, epochs, batchSize, learningRate, limit, false, null);
  }

  private static String refused(Executable construction) {
    return assertThrows(ZooException.class, construction).getMessage();
  }

  @Test
  void refusesNonPositiveEpochs() {
    assertEquals(
        "Epochs must be a positive number, not 0.", refused(() -> request(0, null, null, null)));
    assertTrue(refused(() -> request(-3, null, null, null)).contains("not -3"));
  }

  @Test
  void refusesNonPositiveBatchSize() {
    assertEquals(
        "Batch size must be a positive number, not 0.",
        refused(() -> request(null, 0, null, null)));
    assertTrue(refused(() -> request(null, -1, null, null)).startsWith("Batch size"));
  }

  @Test
  void refusesNonPositiveOrNonFiniteLearningRate() {
    assertEquals(
        "Learning rate must be a positive number, not 0.0.",
        refused(() -> request(null, null, 0.0, null)));
    assertTrue(refused(() -> request(null, null, -0.1, null)).startsWith("Learning rate"));
    assertTrue(refused(() -> request(null, null, Double.NaN, null)).startsWith("Learning rate"));
    assertTrue(
        refused(() -> request(null, null, Double.POSITIVE_INFINITY, null))
            .startsWith("Learning rate"));
  }

  @Test
  void refusesNonPositiveLimit() {
    assertEquals(
        "Limit must be a positive number, not 0.", refused(() -> request(null, null, null, 0)));
    assertTrue(refused(() -> request(null, null, null, -5)).startsWith("Limit"));
  }

  @Test
  void needsAnOutputDirectory() {
    String m = refused(() -> new TrainRequest(null, null, null, null, null, null, false, Map.of()));
    assertTrue(m.contains("--out"), m);
  }

  @Test
  void defaultsChangeNothing() {
    TrainRequest request = TrainRequest.defaults(OUT);
    Hyperparameters defaults = HyperparametersTest.defaults();

    assertNull(request.variant());
    assertFalse(request.resume());
    assertEquals(Map.of(), request.overrides());
    assertEquals(defaults, request.apply(defaults));
  }

  @Test
  void applyMapsEpochsBatchSizeAndLearningRate() {
    TrainRequest request =
        new TrainRequest(
            "tiny", OUT, 3, 16, 0.05, 100, true, Map.of("dropout", "0.5", "epochs", "9"));

    Hyperparameters hp = request.apply(HyperparametersTest.defaults());

    assertEquals(3, hp.getInt("epochs"), "--epochs wins over an override of the same name");
    assertEquals(16, hp.getInt("batch_size"));
    assertEquals(0.05, hp.getDouble("learning_rate"));
    assertEquals(0.5, hp.getDouble("dropout"));
    assertEquals("relu", hp.get("activation"));
  }

  @Test
  void applyChecksOverrides() {
    TrainRequest request =
        new TrainRequest(null, OUT, null, null, null, null, false, Map.of("momentum", "0.9"));

    ZooException e =
        assertThrows(ZooException.class, () -> request.apply(HyperparametersTest.defaults()));

    assertTrue(e.getMessage().startsWith("Unknown hyper-parameter 'momentum'"), e.getMessage());
  }
}
