package dev.zoo.api.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The portable up-sampling convolution against a direct transposed-convolution loop. */
class UpConv2dTest {

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void equalsTransposedConvolutionWithFlippedKernel(String engine) {
    int n = 2;
    int cin = 3;
    int cout = 4;
    int h = 3;
    int w = 4;
    int k = 3;
    int s = 2;
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      UpConv2d block = UpConv2d.of(cout, k, s);
      block.initialize(m, DataType.FLOAT32, new Shape(n, cin, h, w));
      float[] x = new float[n * cin * h * w];
      Random r = new Random(3);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      NDArray input = m.create(x, new Shape(n, cin, h, w));
      NDArray out =
          block.forward(new ParameterStore(m, false), new NDList(input), false).singletonOrThrow();
      assertEquals(new Shape(n, cout, h * s, w * s), out.getShape());
      assertEquals(out.getShape(), block.getOutputShapes(new Shape[] {input.getShape()})[0]);
      float[] weight = block.getParameters().valueAt(0).getArray().toFloatArray(); // (cout,cin,k,k)
      float[] bias = block.getParameters().valueAt(1).getArray().toFloatArray();
      float[] expected = transposed(x, weight, bias, n, cin, cout, h, w, k, s);
      assertArrayEquals(expected, out.toFloatArray(), 1e-4f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void passesGradientsToItsInputAndWeights(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      UpConv2d block = UpConv2d.of(2, 3, 2);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
      NDArray input = m.ones(new Shape(1, 1, 2, 2));
      input.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getEngine(engine).newGradientCollector()) {
        NDArray out =
            block.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
        gc.backward(out.sum());
      }
      NDArray weightGrad = block.getParameters().valueAt(0).getArray().getGradient();
      assertEquals(new Shape(2, 1, 3, 3), weightGrad.getShape());
      assertTrue(input.getGradient().abs().sum().getFloat() > 0f);
      assertTrue(weightGrad.abs().sum().getFloat() > 0f);
    }
  }

  /** Transposed convolution, stride s, padding (k-1)/2, output padding s-1, kernel flipped. */
  private static float[] transposed(
      float[] x, float[] wt, float[] b, int n, int cin, int cout, int h, int w, int k, int s) {
    int p = (k - 1) / 2;
    int oh = h * s;
    int ow = w * s;
    float[] y = new float[n * cout * oh * ow];
    for (int b0 = 0; b0 < n; b0++) {
      for (int co = 0; co < cout; co++) {
        for (int i = 0; i < oh * ow; i++) {
          y[((b0 * cout + co) * oh * ow) + i] = b[co];
        }
        for (int ci = 0; ci < cin; ci++) {
          for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
              float v = x[((b0 * cin + ci) * h + iy) * w + ix];
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int oy = iy * s - p + ky;
                  int ox = ix * s - p + kx;
                  if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) {
                    continue;
                  }
                  // the transposed kernel is the convolution kernel flipped in both axes
                  float kw = wt[((co * cin + ci) * k + (k - 1 - ky)) * k + (k - 1 - kx)];
                  y[((b0 * cout + co) * oh + oy) * ow + ox] += v * kw;
                }
              }
            }
          }
        }
      }
    }
    return y;
  }
}
