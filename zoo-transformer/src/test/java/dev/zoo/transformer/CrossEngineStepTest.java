package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One training step of the char-gpt without dropout (embeddings, layer norms, causal attention,
 * GELU, tied output layer, sparse cross-entropy) computes the same loss and the same gradient of
 * every parameter on PyTorch and on MXNet from the same weights (a checkpoint saved on one engine
 * and loaded on the other) and the same batch.
 */
class CrossEngineStepTest {

  private static final int VOCABULARY = 20;
  private static final int ROWS = 4;
  private static final int LENGTH = 16;

  /** Relative L2 difference allowed between the engines' gradients of one parameter. */
  private static final double GRADIENT_TOLERANCE = 1e-4;

  @TempDir Path dir;

  @Test
  void bothEnginesComputeTheSameLossAndGradients() {
    Random random = new Random(3);
    int[] tokens = new int[ROWS * LENGTH];
    float[] targets = new float[ROWS * LENGTH];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextInt(VOCABULARY);
      targets[i] = random.nextInt(VOCABULARY);
    }
    Path checkpoint = dir.resolve("start");
    Step pytorch;
    try (LanguageModel model = TinyModels.random("pytorch", VOCABULARY)) {
      assertEquals(0f, model.config().dropout());
      model.save(checkpoint);
      pytorch = step(model, tokens, targets);
    }
    Step mxnet;
    try (LanguageModel model = LanguageModel.load(checkpoint, "mxnet")) {
      assertEquals("mxnet", model.engine().backend().name());
      mxnet = step(model, tokens, targets);
    }
    assertEquals(pytorch.loss(), mxnet.loss(), 1e-5, "loss of the step");
    assertEquals(pytorch.gradients().keySet(), mxnet.gradients().keySet());
    for (Map.Entry<String, float[]> e : pytorch.gradients().entrySet()) {
      double difference = relativeDifference(e.getValue(), mxnet.gradients().get(e.getKey()));
      assertTrue(
          difference < GRADIENT_TOLERANCE,
          "gradient of " + e.getKey() + " differs by " + difference + " (relative L2)");
    }
  }

  /** The loss and gradients of one forward and backward pass. */
  private record Step(float loss, Map<String, float[]> gradients) {}

  private static Step step(LanguageModel model, int[] tokens, float[] targets) {
    float loss;
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = scope.getEngine().newGradientCollector()) {
      NDArray logits = model.forward(scope, tokens, ROWS, LENGTH, true);
      NDArray labels = scope.create(targets, new Shape((long) ROWS * LENGTH));
      NDArray value =
          Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
      collector.backward(value);
      loss = value.getFloat();
    }
    Map<String, float[]> gradients = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : model.net().getParameters()) {
      try (NDArray gradient = p.getValue().getArray().getGradient()) {
        gradients.put(p.getKey(), gradient.toFloatArray());
      }
    }
    return new Step(loss, gradients);
  }

  private static double relativeDifference(float[] a, float[] b) {
    double difference = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      difference += (a[i] - b[i]) * (double) (a[i] - b[i]);
      norm += a[i] * (double) a[i];
    }
    return Math.sqrt(difference / Math.max(norm, 1e-30));
  }
}
