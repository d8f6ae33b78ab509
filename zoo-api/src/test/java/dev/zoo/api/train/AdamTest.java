package dev.zoo.api.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import ai.djl.training.loss.Loss;
import dev.zoo.api.common.ZooException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The zoo's Adam on PyTorch: its state survives a save and load. */
class AdamTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getEngine("PyTorch").newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Block block() {
    Block block = Linear.builder().setUnits(2).build();
    block.setInitializer(new ConstantInitializer(0.5f), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    return block;
  }

  /** One training step on a batch that depends on {@code k}. */
  private void step(Block block, Adam adam, int k) {
    try (NDManager batch = manager.newSubManager()) {
      float[] xs = new float[12];
      float[] ys = new float[8];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) Math.sin(1.3 * i + k);
      }
      for (int i = 0; i < ys.length; i++) {
        ys[i] = (float) Math.cos(0.7 * i - k);
      }
      NDArray x = batch.create(xs, new Shape(4, 3));
      NDArray y = batch.create(ys, new Shape(4, 2));
      try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
        NDArray prediction =
            block.forward(new ParameterStore(batch, false), new NDList(x), true).singletonOrThrow();
        collector.backward(Loss.l2Loss().evaluate(new NDList(y), new NDList(prediction)));
      }
      adam.step(block);
    }
  }

  private static float[] weights(Block block) {
    float[] w = block.getParameters().get("weight").getArray().toFloatArray();
    float[] b = block.getParameters().get("bias").getArray().toFloatArray();
    float[] all = new float[w.length + b.length];
    System.arraycopy(w, 0, all, 0, w.length);
    System.arraycopy(b, 0, all, w.length, b.length);
    return all;
  }

  private static byte[] save(Adam adam) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      adam.save(out);
    }
    return bytes.toByteArray();
  }

  @Test
  void saveAndLoadContinueExactlyLikeAnUninterruptedOptimizer() throws IOException {
    Block straight = block();
    Block resumed = block();
    Adam straightAdam = Adam.of(manager.newSubManager(), 0.05f);
    Adam firstAdam = Adam.of(manager.newSubManager(), 0.05f);
    for (int k = 0; k < 3; k++) {
      step(straight, straightAdam, k);
      step(resumed, firstAdam, k);
    }
    assertArrayEquals(weights(straight), weights(resumed), 1e-6f);
    byte[] state = save(firstAdam);

    Adam loaded = Adam.of(manager.newSubManager(), 0.05f);
    loaded.load(new DataInputStream(new ByteArrayInputStream(state)));
    assertEquals(3, loaded.steps());
    step(straight, straightAdam, 3);
    step(resumed, loaded, 3);

    assertEquals(4, loaded.steps());
    assertArrayEquals(weights(straight), weights(resumed), 1e-6f);

    // A fresh optimizer would have made another update: the comparison above can fail.
    Block fresh = block();
    Adam warmUp = Adam.of(manager.newSubManager(), 0.05f);
    for (int k = 0; k < 3; k++) {
      step(fresh, warmUp, k);
    }
    step(fresh, Adam.of(manager.newSubManager(), 0.05f), 3);
    float[] a = weights(straight);
    float[] b = weights(fresh);
    double difference = 0;
    for (int i = 0; i < a.length; i++) {
      difference = Math.max(difference, Math.abs(a[i] - b[i]));
    }
    assertTrue(difference > 1e-4, "a restarted optimizer differs, by " + difference);
  }

  @Test
  void stepMovesWeightsAndClearsGradients() {
    Block block = block();
    float[] before = weights(block);
    Adam adam = Adam.of(manager.newSubManager(), 0.05f);

    step(block, adam, 0);

    float[] after = weights(block);
    assertEquals(1, adam.steps());
    for (int i = 0; i < before.length; i++) {
      // The first Adam step moves every parameter by about the learning rate.
      assertEquals(0.05, Math.abs(after[i] - before[i]), 0.005, "parameter " + i);
    }
    NDArray gradient = block.getParameters().get("weight").getArray().getGradient();
    assertEquals(0f, gradient.abs().sum().getFloat(), "the gradient is cleared after the step");
  }

  @Test
  void loadRefusesOtherState() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF("zoo-sgd/1");
      out.writeLong(5);
    }
    Adam adam = Adam.of(manager, 0.1f);

    ZooException e =
        assertThrows(
            ZooException.class,
            () -> adam.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));

    assertTrue(e.getMessage().contains("not Adam state"), e.getMessage());
    assertEquals(0, adam.steps());
  }

  @Test
  void learningRateCanChange() {
    Adam adam = Adam.of(manager, 0.1f);

    adam.setLearningRate(0.01f);

    assertEquals(0.01f, adam.learningRate());
  }
}
