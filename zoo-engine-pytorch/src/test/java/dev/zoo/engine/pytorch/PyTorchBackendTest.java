package dev.zoo.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Op;
import dev.zoo.api.testing.BackendContract;
import org.junit.jupiter.api.Test;

/** The PyTorch module: registered, available offline, and honest about what it runs. */
class PyTorchBackendTest {

  @Test
  void isRegisteredAndAvailableAndTrains() {
    EngineBackend backend = BackendContract.discovered(PyTorchBackend.class);

    assertEquals("pytorch", backend.name());
    assertEquals("PyTorch", backend.djlEngine());
    assertTrue(backend.declaredOffers().training());
    assertTrue(backend.declaredOffers().ops().contains(Op.CONV2D));
    assertFalse(backend.declaredOffers().ops().contains(Op.CONV2D_TRANSPOSE));
  }

  @Test
  void declaresWhatItRuns() {
    BackendContract.assertDeclaresWhatItRuns(new PyTorchBackend());
  }

  @Test
  void loadsPyTorchWithOneInterOpThread() {
    Engine engine = new PyTorchBackend().load();

    assertEquals("PyTorch", engine.getEngineName());
    assertEquals("2.7.1", engine.getVersion());
    assertEquals("1", System.getProperty("ai.djl.pytorch.num_interop_threads"));
    assertTrue(Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads")) >= 1);
  }
}
