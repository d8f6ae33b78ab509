package dev.zoo.engine.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.EngineSelector;
import dev.zoo.api.engine.EngineSpeeds;
import dev.zoo.api.engine.Op;
import dev.zoo.api.testing.BackendContract;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime module: registered, available, loads offline and runs an ONNX file, offers none
 * of the zoo's operations (as the probe measures), and is never taken for a family's job.
 */
class OnnxRuntimeBackendTest {

  /** What training the CNN family needs, and what running a trained CNN needs. */
  private static final Set<Op> CNN_TRAINING =
      EnumSet.of(Op.TRAINING, Op.LINEAR, Op.CONV2D, Op.MAX_POOL, Op.ADAM_UPDATE);

  private static final Set<Op> CNN_INFERENCE = EnumSet.of(Op.LINEAR, Op.CONV2D, Op.MAX_POOL);

  @Test
  void isRegisteredAndAvailableForInferenceOnly() {
    EngineBackend backend = BackendContract.discovered(OnnxRuntimeBackend.class);

    assertEquals("onnxruntime", backend.name());
    assertEquals("OnnxRuntime", backend.djlEngine());
    assertFalse(backend.declaredOffers().training());
    assertEquals(Set.of(), backend.declaredOffers().ops());
    assertFalse(backend.hasGpu(), "the CPU jar has no CUDA provider");
  }

  @Test
  void declaresWhatItRuns() {
    BackendContract.assertDeclaresWhatItRuns(new OnnxRuntimeBackend());
  }

  @Test
  void neverStaysDjlsDefaultEngine() {
    String before = System.getProperty("ai.djl.default_engine");
    System.clearProperty("ai.djl.default_engine");
    try {
      new OnnxRuntimeBackend().load();
      assertEquals(null, System.getProperty("ai.djl.default_engine"));
      System.setProperty("ai.djl.default_engine", "PyTorch");
      new OnnxRuntimeBackend().load();
      assertEquals("PyTorch", System.getProperty("ai.djl.default_engine"));
    } finally {
      if (before == null) {
        System.clearProperty("ai.djl.default_engine");
      } else {
        System.setProperty("ai.djl.default_engine", before);
      }
    }
  }

  @Test
  void loadsOfflineAndRunsAnOnnxFile() throws Exception {
    Engine engine = new OnnxRuntimeBackend().load();
    assertEquals("OnnxRuntime", engine.getEngineName());
    assertEquals("1.21.1", engine.getVersion());

    // tiny-softmax.onnx: y = softmax(x W + b), x (N, 2), W (2, 3), b (3), written with the onnx
    // Python package (helper.make_graph of MatMul, Add, Softmax(axis=1); checker passed).
    try (Model model = Model.newInstance("tiny-softmax", "OnnxRuntime")) {
      model.load(resourceDir(), "tiny-softmax");
      try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
          NDManager manager = engine.newBaseManager()) {
        NDList out =
            predictor.predict(
                new NDList(manager.create(new float[] {1, 2, 0, 0}, new Shape(2, 2))));

        assertEquals(new Shape(2, 3), out.head().getShape());
        assertArrayEquals(
            new float[] {0.0737987f, 0.8990523f, 0.0271490f, 0.5064804f, 0.3071959f, 0.1863237f},
            out.head().toFloatArray(),
            1e-6f);
      }
    }
  }

  @Test
  void isNeverChosenForAFamilysJobAndRefusedByName() {
    EngineSelector selector =
        new EngineSelector(List.of(new OnnxRuntimeBackend()), EngineSpeeds.none());

    for (String job : List.of("training cnn/lenet", "running cnn/lenet")) {
      Set<Op> needs = job.startsWith("training") ? CNN_TRAINING : CNN_INFERENCE;
      EngineException automatic =
          assertThrows(
              EngineException.class, () -> selector.choose(job, needs, EngineRequest.automatic()));
      assertTrue(
          automatic.getMessage().startsWith("No engine can run " + job + ": onnxruntime lacks "),
          automatic.getMessage());
      EngineException named =
          assertThrows(
              EngineException.class,
              () -> selector.choose(job, needs, EngineRequest.of("onnxruntime")));
      assertEquals(
          "Engine onnxruntime cannot run "
              + job
              + ": it lacks "
              + EngineSelector.describe(needs)
              + "; engines that can: none.",
          named.getMessage());
    }
  }

  private static Path resourceDir() throws URISyntaxException {
    return Path.of(OnnxRuntimeBackendTest.class.getResource("tiny-softmax.onnx").toURI())
        .getParent();
  }
}
