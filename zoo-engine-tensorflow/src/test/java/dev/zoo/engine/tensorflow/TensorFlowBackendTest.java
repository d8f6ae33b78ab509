package dev.zoo.engine.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.testing.BackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The TensorFlow module: registered, available, loads offline from the natives it unpacks, and is
 * honest about what it runs (no training).
 */
class TensorFlowBackendTest {

  @Test
  void isRegisteredAndAvailableButDoesNotTrain() {
    EngineBackend backend = BackendContract.discovered(TensorFlowBackend.class);

    assertEquals("tensorflow", backend.name());
    assertEquals("TensorFlow", backend.djlEngine());
    assertFalse(backend.declaredOffers().training());
  }

  @Test
  void loadsOfflineFromTheUnpackedNatives() {
    Engine engine = new TensorFlowBackend().load();

    assertEquals("TensorFlow", engine.getEngineName());
    assertEquals("2.16.1", engine.getVersion());
    Path natives =
        Path.of(
            System.getProperty(
                "TENSORFLOW_LIBRARY_PATH", System.getenv("TENSORFLOW_LIBRARY_PATH")));
    assertTrue(Files.isRegularFile(natives.resolve("libjnitensorflow.so")), natives.toString());
  }

  @Test
  void declaresWhatItRuns() {
    BackendContract.assertDeclaresWhatItRuns(new TensorFlowBackend());
  }
}
