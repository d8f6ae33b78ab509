package dev.zoo.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The class-path checks of {@link DjlBackend}, which answer without loading a native library. The
 * test class path has DJL's PyTorch engine and natives, but not TensorFlow's.
 */
class DjlBackendTest {

  /** A backend over the given DJL provider class and native resource. */
  private static DjlBackend backend(
      String name, String djlEngine, String providerClass, String nativeResource) {
    return new DjlBackend(name, djlEngine, providerClass, nativeResource, 5) {
      @Override
      public Offers declaredOffers() {
        return new Offers(EnumSet.of(Op.MEAN_TWO_AXES), false);
      }
    };
  }

  @Test
  void anEngineWhoseJarIsAbsentIsNotAvailableAndRefusesToLoad() {
    DjlBackend tensorflow =
        backend(
            "tensorflow",
            "TensorFlow",
            "ai.djl.tensorflow.engine.TfEngineProvider",
            "org/tensorflow/internal/c_api/linux-x86_64/libjnitensorflow.so");

    assertFalse(tensorflow.isAvailable());
    assertTrue(
        tensorflow.unavailableReason().contains("TensorFlow engine jar is not on the class path"),
        tensorflow.unavailableReason());
    assertFalse(tensorflow.declaredOffers().training());
    ZooException e = assertThrows(ZooException.class, tensorflow::load);
    assertTrue(e.getMessage().startsWith("Engine tensorflow is not available"), e.getMessage());
  }

  @Test
  void anEngineWithoutItsNativesIsNotAvailable() {
    DjlBackend pytorch =
        backend(
            "pytorch",
            "PyTorch",
            "ai.djl.pytorch.engine.PtEngineProvider",
            "native/lib/no-such-natives.properties");

    assertFalse(pytorch.isAvailable());
    assertEquals("no PyTorch native library is on the class path", pytorch.unavailableReason());
  }

  @Test
  void anEngineWithItsJarAndNativesIsAvailable() {
    DjlBackend pytorch =
        backend(
            "pytorch",
            "PyTorch",
            "ai.djl.pytorch.engine.PtEngineProvider",
            "native/lib/pytorch.properties");

    assertTrue(pytorch.isAvailable(), pytorch.unavailableReason());
    assertEquals("", pytorch.unavailableReason());
    assertEquals("pytorch", pytorch.name());
    assertEquals("PyTorch", pytorch.djlEngine());
    assertEquals(5, pytorch.preference());
  }
}
