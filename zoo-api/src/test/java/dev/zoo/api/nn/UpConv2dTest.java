package dev.zoo.api.nn;

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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.zoo.api.common.ZooException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void leavesNothingInTheModelsManagerAfterACall(String engine) {
    try (NDManager model = Engine.getEngine(engine).newBaseManager()) {
      UpConv2d block = UpConv2d.dcgan(3, true);
      block.initialize(model, DataType.FLOAT32, new Shape(1, 2, 4, 4));
      int before = model.getManagedArrays().size();
      for (int i = 0; i < 5; i++) {
        try (NDManager call = model.newSubManager()) {
          NDArray input = call.ones(new Shape(2, 2, 4, 4));
          try (GradientCollector gc = Engine.getEngine(engine).newGradientCollector()) {
            NDArray out =
                block
                    .forward(new ParameterStore(call, false), new NDList(input), true)
                    .singletonOrThrow();
            gc.backward(out.sum());
          }
        }
      }
      // The sub-managers of the calls are the only new entries; no array was left behind.
      long arrays = model.getManagedArrays().stream().filter(a -> a instanceof NDArray).count();
      long arraysBefore = before;
      assertTrue(
          arrays <= arraysBefore + 2,
          "arrays in the model's manager: " + arraysBefore + " before, " + arrays + " after");
    }
  }

  /** Transposed convolution, stride s, padding (k-1)/2, output padding s-1, kernel flipped. */
  private static float[] transposed(
      float[] x, float[] wt, float[] b, int n, int cin, int cout, int h, int w, int k, int s) {
    Geometry g = new Geometry(n, cin, cout, h, w, k, s, (k - 1) / 2, s - 1);
    return g.forward(x, wt, b);
  }

  /** One transposed convolution per factory: kernel, stride, padding, output padding, bias. */
  static Stream<Arguments> configurations() {
    List<Arguments> all = new ArrayList<>();
    for (String engine : new String[] {"PyTorch", "MXNet"}) {
      for (boolean bias : new boolean[] {true, false}) {
        for (int k : new int[] {3, 5}) {
          for (int s : new int[] {1, 2}) {
            all.add(Arguments.of(engine, "of", k, s, (k - 1) / 2, s - 1, bias));
          }
        }
        all.add(Arguments.of(engine, "of", 3, 3, 1, 2, bias));
        all.add(Arguments.of(engine, "dcgan", 4, 2, 1, 0, bias));
        all.add(Arguments.of(engine, "transposed", 4, 1, 1, 0, bias));
        all.add(Arguments.of(engine, "transposed", 4, 1, 2, 0, bias));
        all.add(Arguments.of(engine, "transposed", 4, 2, 2, 1, bias));
        all.add(Arguments.of(engine, "transposed", 2, 2, 0, 0, bias));
        all.add(Arguments.of(engine, "transposed", 1, 2, 0, 1, bias));
      }
    }
    return all.stream();
  }

  private static UpConv2d build(String factory, int cout, int k, int s, int p, int a, boolean b) {
    return switch (factory) {
      case "of" -> b ? UpConv2d.of(cout, k, s) : UpConv2d.withoutBias(cout, k, s);
      case "dcgan" -> UpConv2d.dcgan(cout, b);
      default -> UpConv2d.transposed(cout, k, s, p, a, b);
    };
  }

  @ParameterizedTest(name = "{0} {1} k={2} s={3} p={4} a={5} bias={6}")
  @MethodSource("configurations")
  void forwardAndGradientsEqualTheDirectTransposedConvolution(
      String engine, String factory, int k, int s, int p, int a, boolean withBias) {
    int n = 2;
    int cin = 3;
    int cout = 4;
    int h = 4;
    int w = 5;
    Geometry g = new Geometry(n, cin, cout, h, w, k, s, p, a);
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      UpConv2d block = build(factory, cout, k, s, p, a, withBias);
      block.initialize(m, DataType.FLOAT32, new Shape(n, cin, h, w));
      // the parameters are those of the convolution "conv", as every version wrote them
      assertEquals(withBias ? 2 : 1, block.getParameters().size());
      assertEquals("01conv_weight", block.getParameters().keyAt(0));
      NDArray weightArr = block.getParameters().valueAt(0).getArray();
      assertEquals(new Shape(cout, cin, k, k), weightArr.getShape());
      NDArray biasArr = null;
      if (withBias) {
        assertEquals("01conv_bias", block.getParameters().keyAt(1));
        biasArr = block.getParameters().valueAt(1).getArray();
        // a non-zero bias, so that a misplaced one shows
        biasArr.addi(m.randomNormal(biasArr.getShape()));
      }
      float[] x = gaussian(n * cin * h * w, 3);
      float[] upstream = gaussian(n * cout * g.oh * g.ow, 4);
      float[] weight = weightArr.toFloatArray();
      float[] bias = withBias ? biasArr.toFloatArray() : new float[cout];

      NDArray input = m.create(x, new Shape(n, cin, h, w));
      input.setRequiresGradient(true);
      NDArray out;
      try (GradientCollector gc = Engine.getEngine(engine).newGradientCollector()) {
        out =
            block.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
        gc.backward(out.mul(m.create(upstream, out.getShape())).sum());
      }
      Shape expectedShape = new Shape(n, cout, g.oh, g.ow);
      assertEquals(expectedShape, out.getShape());
      assertEquals(expectedShape, block.getOutputShapes(new Shape[] {input.getShape()})[0]);
      assertArrayEquals(g.forward(x, weight, bias), out.toFloatArray(), 1e-4f, "forward");

      float[] gx = new float[x.length];
      float[] gw = new float[weight.length];
      float[] gb = new float[cout];
      g.backward(x, weight, upstream, gx, gw, gb);
      assertArrayEquals(gx, input.getGradient().toFloatArray(), 1e-4f, "input gradient");
      assertArrayEquals(gw, weightArr.getGradient().toFloatArray(), 1e-4f, "weight gradient");
      if (withBias) {
        assertArrayEquals(gb, biasArr.getGradient().toFloatArray(), 1e-4f, "bias gradient");
      }

      // inference (no gradient recording) computes the same
      NDArray again =
          block.forward(new ParameterStore(m, false), new NDList(input), false).singletonOrThrow();
      assertArrayEquals(out.toFloatArray(), again.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void rejectsWhatItDoesNotCompute() {
    assertThrows(ZooException.class, () -> UpConv2d.of(4, 4, 2));
    assertThrows(ZooException.class, () -> UpConv2d.withoutBias(4, 0, 2));
    assertThrows(ZooException.class, () -> UpConv2d.of(4, 3, 0));
    assertThrows(ZooException.class, () -> UpConv2d.transposed(4, 4, 2, 4, 0, true));
    assertThrows(ZooException.class, () -> UpConv2d.transposed(4, 4, 2, 1, 2, true));
    assertThrows(ZooException.class, () -> UpConv2d.transposed(4, 4, 1, 0, 1, true));
    UpConv2d tooSmall = UpConv2d.transposed(4, 2, 1, 1, 0, true);
    assertThrows(
        ZooException.class, () -> tooSmall.getOutputShapes(new Shape[] {new Shape(1, 1, 1, 1)}));
  }

  private static float[] gaussian(int size, long seed) {
    float[] v = new float[size];
    Random r = new Random(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /**
   * The transposed convolution written out as loops, with the convolution-form weight {@code (cout,
   * cin, k, k)}: input pixel (iy, ix) adds {@code x * w[k-1-ky][k-1-kx]} to output pixel {@code (iy
   * s - p + ky, ix s - p + kx)}; output size {@code (h - 1) s - 2 p + k + a}.
   */
  private static final class Geometry {
    final int n;
    final int cin;
    final int cout;
    final int h;
    final int w;
    final int k;
    final int s;
    final int p;
    final int oh;
    final int ow;

    Geometry(int n, int cin, int cout, int h, int w, int k, int s, int p, int a) {
      this.n = n;
      this.cin = cin;
      this.cout = cout;
      this.h = h;
      this.w = w;
      this.k = k;
      this.s = s;
      this.p = p;
      this.oh = (h - 1) * s - 2 * p + k + a;
      this.ow = (w - 1) * s - 2 * p + k + a;
    }

    float[] forward(float[] x, float[] wt, float[] b) {
      float[] y = new float[n * cout * oh * ow];
      for (int b0 = 0; b0 < n; b0++) {
        for (int co = 0; co < cout; co++) {
          for (int i = 0; i < oh * ow; i++) {
            y[((b0 * cout + co) * oh * ow) + i] = b[co];
          }
        }
      }
      visit(
          (xi, wi, yi) -> {
            y[yi] += x[xi] * wt[wi];
          });
      return y;
    }

    /** The gradients of {@code sum(y * g)}. */
    void backward(float[] x, float[] wt, float[] g, float[] gx, float[] gw, float[] gb) {
      visit(
          (xi, wi, yi) -> {
            gx[xi] += g[yi] * wt[wi];
            gw[wi] += g[yi] * x[xi];
          });
      for (int b0 = 0; b0 < n; b0++) {
        for (int co = 0; co < cout; co++) {
          for (int i = 0; i < oh * ow; i++) {
            gb[co] += g[((b0 * cout + co) * oh * ow) + i];
          }
        }
      }
    }

    /** Calls {@code tap} for every (input, weight, output) index triple of the sum. */
    private void visit(Tap tap) {
      for (int b0 = 0; b0 < n; b0++) {
        for (int co = 0; co < cout; co++) {
          for (int ci = 0; ci < cin; ci++) {
            for (int iy = 0; iy < h; iy++) {
              for (int ix = 0; ix < w; ix++) {
                int xi = ((b0 * cin + ci) * h + iy) * w + ix;
                for (int ky = 0; ky < k; ky++) {
                  for (int kx = 0; kx < k; kx++) {
                    int oy = iy * s - p + ky;
                    int ox = ix * s - p + kx;
                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) {
                      continue;
                    }
                    // the transposed kernel is the convolution kernel flipped in both axes
                    int wi = ((co * cin + ci) * k + (k - 1 - ky)) * k + (k - 1 - kx);
                    tap.at(xi, wi, ((b0 * cout + co) * oh + oy) * ow + ox);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private interface Tap {
    void at(int input, int weight, int output);
  }
}
