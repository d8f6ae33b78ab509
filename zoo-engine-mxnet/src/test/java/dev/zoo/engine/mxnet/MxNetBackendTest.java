package dev.zoo.engine.mxnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Op;
import dev.zoo.api.testing.BackendContract;
import org.junit.jupiter.api.Test;

/** The MXNet module: registered, available offline, and honest about what it runs. */
class MxNetBackendTest {

  @Test
  void isRegisteredAndAvailableAndTrains() {
    EngineBackend backend = BackendContract.discovered(MxNetBackend.class);

    assertEquals("mxnet", backend.name());
    assertEquals("MXNet", backend.djlEngine());
    assertTrue(backend.declaredOffers().training());
    assertTrue(backend.declaredOffers().ops().contains(Op.CONV2D));
    assertFalse(backend.declaredOffers().ops().contains(Op.BATCH_MATMUL));
  }

  @Test
  void declaresWhatItRuns() {
    BackendContract.assertDeclaresWhatItRuns(new MxNetBackend());
  }

  @Test
  void loadsMxNet() {
    Engine engine = new MxNetBackend().load();

    assertEquals("MXNet", engine.getEngineName());
    // The native library of mxnet-native-mkl 1.9.1 calls itself 1.9.0.
    assertTrue(engine.getVersion().startsWith("1.9."), engine.getVersion());
  }
}
