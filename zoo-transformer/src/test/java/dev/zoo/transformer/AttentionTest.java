package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attention written from tensor operations against a direct loop over positions and heads, and
 * the causal mask of the whole network, on both training engines.
 */
class AttentionTest {

  private static final int BATCH = 2;
  private static final int POSITIONS = 5;
  private static final int WIDTH = 8;
  private static final int HEADS = 2;

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void causalSelfAttentionMatchesALoopReference(String engineName) {
    Engine engine = Engine.getEngine(engineName);
    engine.setRandomSeed(3);
    try (NDManager manager = engine.newBaseManager()) {
      SelfAttention attention = new SelfAttention(WIDTH, HEADS);
      attention.setInitializer(new NormalInitializer(0.5f), p -> true);
      attention.initialize(manager, DataType.FLOAT32, new Shape(1, 1, WIDTH));
      float[] x = random(BATCH * POSITIONS * WIDTH, 11);
      Map<String, float[]> p = parameters(attention);
      double[][][] expected = reference(x, p);
      try (NDManager scope = manager.newSubManager()) {
        NDArray input = scope.create(x, new Shape(BATCH, POSITIONS, WIDTH));
        NDArray mask = causalMask(scope);
        float[] actual =
            attention
                .attend(new ParameterStore(scope, false), input, mask, false, 0f, null, -1, null)
                .toFloatArray();
        for (int b = 0; b < BATCH; b++) {
          for (int t = 0; t < POSITIONS; t++) {
            for (int c = 0; c < WIDTH; c++) {
              assertEquals(
                  expected[b][t][c],
                  actual[(b * POSITIONS + t) * WIDTH + c],
                  1e-4,
                  "batch " + b + ", position " + t + ", channel " + c);
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void changingAFutureTokenLeavesEarlierOutputsUnchanged(String engine) {
    try (LanguageModel model = TinyModels.random(engine, 20)) {
      int[] tokens = {1, 5, 2, 7, 3, 9, 4, 0};
      int[] changed = tokens.clone();
      changed[5] = 12;
      float[][] a = TinyModels.allLogits(model, tokens);
      float[][] b = TinyModels.allLogits(model, changed);
      for (int t = 0; t < 5; t++) {
        assertArrayEquals(a[t], b[t], 1e-5f, "position " + t + " saw a later token");
      }
      for (int t = 5; t < tokens.length; t++) {
        assertTrue(maxDifference(a[t], b[t]) > 1e-4, "position " + t + " ignored its input");
      }
    }
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static NDArray causalMask(NDManager scope) {
    float[] mask = new float[POSITIONS * POSITIONS];
    for (int i = 0; i < POSITIONS; i++) {
      for (int j = i + 1; j < POSITIONS; j++) {
        mask[i * POSITIONS + j] = -1e9f;
      }
    }
    return scope.create(mask, new Shape(POSITIONS, POSITIONS));
  }

  private static Map<String, float[]> parameters(SelfAttention attention) {
    Map<String, float[]> out = new java.util.HashMap<>();
    for (Pair<String, Parameter> pair : attention.getParameters()) {
      // DJL prefixes child names with their position, e.g. 01qkv_weight.
      out.put(pair.getKey().replaceFirst("^\\d+", ""), pair.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** softmax(QK^T / sqrt(d_k) + causal mask) V per head, with plain loops in double precision. */
  private static double[][][] reference(float[] x, Map<String, float[]> p) {
    float[] wQkv = p.get("qkv_weight");
    float[] bQkv = p.get("qkv_bias");
    float[] wOut = p.get("projection_weight");
    float[] bOut = p.get("projection_bias");
    int dk = WIDTH / HEADS;
    double[][][] result = new double[BATCH][POSITIONS][WIDTH];
    for (int b = 0; b < BATCH; b++) {
      double[][] qkv = new double[POSITIONS][3 * WIDTH];
      for (int t = 0; t < POSITIONS; t++) {
        for (int o = 0; o < 3 * WIDTH; o++) {
          double s = bQkv[o];
          for (int i = 0; i < WIDTH; i++) {
            s += wQkv[o * WIDTH + i] * x[(b * POSITIONS + t) * WIDTH + i];
          }
          qkv[t][o] = s;
        }
      }
      double[][] merged = new double[POSITIONS][WIDTH];
      for (int h = 0; h < HEADS; h++) {
        for (int t = 0; t < POSITIONS; t++) {
          double[] weights = new double[t + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int u = 0; u <= t; u++) {
            double s = 0;
            for (int d = 0; d < dk; d++) {
              s += qkv[t][h * dk + d] * qkv[u][WIDTH + h * dk + d];
            }
            weights[u] = s / Math.sqrt(dk);
            max = Math.max(max, weights[u]);
          }
          double sum = 0;
          for (int u = 0; u <= t; u++) {
            weights[u] = Math.exp(weights[u] - max);
            sum += weights[u];
          }
          for (int d = 0; d < dk; d++) {
            double v = 0;
            for (int u = 0; u <= t; u++) {
              v += weights[u] / sum * qkv[u][2 * WIDTH + h * dk + d];
            }
            merged[t][h * dk + d] = v;
          }
        }
      }
      for (int t = 0; t < POSITIONS; t++) {
        for (int o = 0; o < WIDTH; o++) {
          double s = bOut[o];
          for (int i = 0; i < WIDTH; i++) {
            s += wOut[o * WIDTH + i] * merged[t][i];
          }
          result[b][t][o] = s;
        }
      }
    }
    return result;
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }
}
