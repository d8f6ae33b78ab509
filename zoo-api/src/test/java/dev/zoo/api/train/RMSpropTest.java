package dev.zoo.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The zoo's RMSprop against the update written out by hand, and its saved state. */
class RMSpropTest {

  private static final float LR = 0.1f;
  private static final float RHO = 0.9f;
  private static final float EPS = 1e-8f;

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void twoStepsFollowTheFormulaAndTheStateSurvivesSaving(String engine) throws IOException {
    try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
      Block block = block(manager);
      RMSprop optimizer = new RMSprop(manager, LR, RHO, EPS);
      float[] x1 = {1f, -2f};
      float[] x2 = {3f, 0.5f};
      // The loss is the output itself, so the gradient of the weights is the input.
      step(manager, block, optimizer, x1);
      step(manager, block, optimizer, x2);
      float[] w = {0.5f, 0.5f};
      float[] s = new float[2];
      for (float[] g : new float[][] {x1, x2}) {
        for (int i = 0; i < 2; i++) {
          s[i] = RHO * s[i] + (1 - RHO) * g[i] * g[i];
          w[i] -= LR * g[i] / ((float) Math.sqrt(s[i]) + EPS);
        }
      }
      assertArrayEquals(w, weights(block), 1e-5f);
      assertEquals(2, optimizer.steps());

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      optimizer.save(new DataOutputStream(bytes));
      RMSprop restored = new RMSprop(manager, LR, RHO, EPS);
      restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertEquals(2, restored.steps());
      float[] x3 = {-1f, 2f};
      step(manager, block, restored, x3);
      for (int i = 0; i < 2; i++) {
        s[i] = RHO * s[i] + (1 - RHO) * x3[i] * x3[i];
        w[i] -= LR * x3[i] / ((float) Math.sqrt(s[i]) + EPS);
      }
      assertArrayEquals(w, weights(block), 1e-5f);
    }
  }

  private static Block block(NDManager manager) {
    Block block = Linear.builder().setUnits(1).optBias(false).build();
    block.setInitializer(new ConstantInitializer(0.5f), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    return block;
  }

  private static void step(NDManager manager, Block block, RMSprop optimizer, float[] x) {
    try (NDManager batch = manager.newSubManager()) {
      NDArray input = batch.create(x, new Shape(1, 2));
      try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
        NDArray out =
            block.forward(new ParameterStore(batch, false), new NDList(input), true).head();
        collector.backward(out.sum());
      }
      optimizer.step(block);
    }
  }

  private static float[] weights(Block block) {
    return block.getParameters().valueAt(0).getArray().toFloatArray();
  }
}
