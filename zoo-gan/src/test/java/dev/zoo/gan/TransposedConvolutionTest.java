package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.nn.UpConv2d;
import java.nio.FloatBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator's up-sampling layer computes what PyTorch's {@code ConvTranspose2d(2, 3, 4, 2, 1)}
 * computes with the same weights, so the default dcgan is the standard DCGAN layer for layer. The
 * expected values were computed by PyTorch 1.13.1 (Debian's python3-torch, float64) with input
 * {@code x[i] = sin(0.37 i + 0.1)} of shape (1, 2, 3, 3), the transposed convolution's weight
 * {@code W[j] = 0.5 cos(0.23 j)} of shape (2, 3, 4, 4) (input channels first) and bias {@code 0.1
 * (o + 1)}.
 */
class TransposedConvolutionTest {

  private static final int IN = 2;
  private static final int OUT = 3;
  private static final int K = 4;
  private static final int SIDE = 3;

  private static final float[] PYTORCH = {
    -0.011868f, -0.145431f, -0.235688f, -0.286048f, -0.459910f, -0.253052f, 0.276393f, 0.273089f,
    -0.002868f, -0.119288f, -0.399452f, -0.241982f, -0.231572f, -0.742274f, -0.915908f, -1.030725f,
    -1.134402f, -0.547709f, -0.269229f, -0.765915f, -0.945299f, -0.932647f, -1.020684f, -0.448793f,
    -0.540727f, -1.130184f, -1.063218f, -0.927731f, -0.783175f, -0.250933f, -0.328475f, -0.537351f,
    -0.574484f, -0.098569f, -0.122419f, 0.110982f, 0.346207f, 0.628254f, 0.671324f, 0.945351f,
    1.038587f, 0.722582f, 0.331135f, 0.661832f, 0.902907f, 1.031401f, 1.229358f, 0.777524f,
    0.727813f, 1.363541f, 1.402550f, 1.470921f, 1.419844f, 0.788567f, 0.785778f, 1.398171f,
    1.438976f, 1.345731f, 1.293772f, 0.683053f, 0.762285f, 1.178389f, 0.979137f, 0.818070f,
    0.580783f, 0.284609f, 0.654211f, 0.868452f, 0.822631f, 0.435881f, 0.431422f, 0.225252f,
    0.160823f, -0.189905f, -0.173599f, -0.593759f, -0.579988f, -0.244249f, -0.101559f, -0.666079f,
    -0.804061f, -0.908271f, -0.968010f, -0.349658f, -0.274711f, -0.855587f, -0.748935f, -0.751514f,
    -0.560136f, -0.062891f, -0.336582f, -0.891407f, -0.782088f, -0.634635f, -0.457381f, 0.019365f,
    -0.024747f, -0.149762f, 0.125400f, 0.266472f, 0.529351f, 0.505655f, -0.051428f, -0.210415f,
    -0.094607f, 0.093549f, 0.125056f, 0.245658f
  };

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void dcganLayerEqualsPyTorchsConvTranspose2d(String engine) {
    try (NDManager m = Engine.getEngine(engine).newBaseManager()) {
      UpConv2d block = UpConv2d.dcgan(OUT, true);
      block.initialize(m, DataType.FLOAT32, new Shape(1, IN, SIDE, SIDE));
      // the block keeps the convolution form: w[o, c, u, v] = W[c, o, k-1-u, k-1-v]
      float[] weight = new float[OUT * IN * K * K];
      for (int c = 0; c < IN; c++) {
        for (int o = 0; o < OUT; o++) {
          for (int u = 0; u < K; u++) {
            for (int v = 0; v < K; v++) {
              int j = ((c * OUT + o) * K + u) * K + v;
              int to = ((o * IN + c) * K + (K - 1 - u)) * K + (K - 1 - v);
              weight[to] = (float) (0.5 * Math.cos(0.23 * j));
            }
          }
        }
      }
      float[] bias = new float[OUT];
      for (int o = 0; o < OUT; o++) {
        bias[o] = 0.1f * (o + 1);
      }
      block.getParameters().valueAt(0).getArray().set(FloatBuffer.wrap(weight));
      block.getParameters().valueAt(1).getArray().set(FloatBuffer.wrap(bias));
      float[] x = new float[IN * SIDE * SIDE];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(0.37 * i + 0.1);
      }
      NDArray out =
          block
              .forward(
                  new ParameterStore(m, false),
                  new NDList(m.create(x, new Shape(1, IN, SIDE, SIDE))),
                  false)
              .singletonOrThrow();
      assertEquals(new Shape(1, OUT, 2 * SIDE, 2 * SIDE), out.getShape());
      assertArrayEquals(PYTORCH, out.toFloatArray(), 1e-5f);
    }
  }
}
