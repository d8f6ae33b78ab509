package dev.zoo.api.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients through scalar arithmetic survive the garbage collector between the forward and the
 * backward pass: the collector runs and the freed memory is handed out again, filled with other
 * values, before the gradient is computed.
 */
class ScalarsTest {

  private static final int SIZE = 64;

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void productWithAScalarHasThatScalarAsGradient(String engine) {
    float[] expected = new float[SIZE];
    Arrays.fill(expected, 0.5f);
    assertArrayEquals(expected, gradient(engine, x -> Scalars.mul(x, 0.5f)), 0f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void maximumWithAScalarPassesTheGradientOnlyAboveIt(String engine) {
    float[] expected = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      expected[i] = input(i) > 0.3f ? 1f : 0f;
    }
    assertArrayEquals(expected, gradient(engine, x -> Scalars.maximum(x, 0.3f)), 0f);
  }

  /** The gradient of {@code sum(f(x))} for x in [-1, 1), with the heap churned before backward. */
  private static float[] gradient(String engine, UnaryOperator<NDArray> f) {
    float[] values = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      values[i] = input(i);
    }
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      NDArray x = m.create(values, new Shape(SIZE));
      x.setRequiresGradient(true);
      try (GradientCollector collector = m.getEngine().newGradientCollector()) {
        NDArray y = f.apply(x).sum();
        List<ByteBuffer> reuse = churn();
        collector.backward(y);
        reuse.clear();
      }
      return x.getGradient().toFloatArray();
    }
  }

  private static float input(int i) {
    return -1f + 2f * i / SIZE;
  }

  /** Runs the collector, then takes many small native buffers, each filled with 1e30. */
  private static List<ByteBuffer> churn() {
    List<ByteBuffer> buffers = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 2_000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, 1e30f);
        buffers.add(b);
      }
    }
    return buffers;
  }
}
