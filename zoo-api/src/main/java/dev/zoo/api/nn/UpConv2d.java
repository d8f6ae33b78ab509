package dev.zoo.api.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.zoo.api.common.ZooException;

/**
 * A transposed convolution that runs on every training engine. DJL's PyTorch engine has no
 * transposed convolution, and MXNet's (through DJL 0.35.1) takes its number of filters from the
 * wrong axis of the weight, and its backward pass fails under MKL-DNN ("could not execute a
 * primitive"), so this block computes it with one ordinary convolution and a depth-to-space
 * rearrangement, the same on every engine.
 *
 * <h2>What it computes</h2>
 *
 * <p>Input {@code (N, C_in, H, W)}, output {@code (N, C_out, H', W')}. For kernel {@code k}, stride
 * {@code s}, padding {@code p} and output padding {@code a}, the output is the transposed
 * convolution of Dumoulin and Visin ("A guide to convolution arithmetic for deep learning", 2016,
 * arXiv:1603.07285, section 4), the one PyTorch's {@code ConvTranspose2d(k, s, p, a)} computes:
 *
 * <pre>
 * H' = (H - 1) s - 2 p + k + a        (the same for W')
 * y[n, o, s i - p + u, s j - p + v] += x[n, c, i, j] * w[o, c, k-1-u, k-1-v]   (+ b[o])
 * </pre>
 *
 * <p>for every {@code 0 <= u, v < k} that lands inside the output. Equivalently (their relationship
 * for the transposed case): spread the input pixels {@code s} apart with {@code s - 1} zeros
 * between them, pad {@code k - 1 - p} zeros before and {@code k - 1 - p + a} after, and convolve
 * with stride 1 with the weight {@code w}. The weight {@code w} is therefore the ordinary
 * convolution kernel of that zero-inserted form: the kernel of the transposed convolution flipped
 * in both spatial axes, with input and output channels swapped ({@code w} has shape {@code (C_out,
 * C_in, k, k)}; PyTorch's {@code ConvTranspose2d.weight[c, o, u, v]} equals {@code w[o, c, k-1-u,
 * k-1-v]}).
 *
 * <p>The factories:
 *
 * <ul>
 *   <li>{@link #of}/{@link #withoutBias}{@code (filters, k, s)}, odd {@code k}: {@code p = (k - 1)
 *       / 2}, {@code a = s - 1}, so {@code H' = s H}, {@code W' = s W}. The zero-inserted form is:
 *       {@code s - 1} zeros after every pixel, then a "same" convolution.
 *   <li>{@link #dcgan}{@code (filters, bias)}: DCGAN's {@code k = 4}, {@code s = 2}, {@code p = 1},
 *       {@code a = 0}, so {@code H' = 2 H}. With the kernel a multiple of the stride every output
 *       pixel gets the same number of taps (2 x 2), which avoids the uneven overlap behind
 *       checkerboard artefacts (Odena, Dumoulin and Olah, "Deconvolution and Checkerboard
 *       Artifacts", Distill 2016); kernel 5 with stride 2 gives the four pixels of each 2 x 2 cell
 *       3 x 3, 3 x 2, 2 x 3 and 2 x 2 taps.
 *   <li>{@link #transposed}{@code (filters, k, s, p, a, bias)}: any {@code k >= 1}, {@code s >= 1},
 *       {@code 0 <= p < k}, {@code 0 <= a < s}.
 * </ul>
 *
 * <h2>How: the polyphase (sub-pixel) form</h2>
 *
 * <p>Output pixel {@code s i + r} (phase {@code r} in {@code [0, s)} per axis) only meets the
 * kernel taps {@code u} with {@code u = s d + (k - 1 - p) - r} for input offsets {@code d}, so each
 * of the {@code s * s} phases is an ordinary stride-1 convolution of the original input with a
 * sub-kernel of every {@code s}-th tap (Shi et al., "Is the deconvolution layer the same as a
 * convolutional layer?", 2016, arXiv:1609.07009; the rearrangement is the sub-pixel convolution of
 * Shi et al., "Real-Time Single Image and Video Super-Resolution Using an Efficient Sub-Pixel
 * Convolutional Neural Network", CVPR 2016). The block gathers the {@code s * s} sub-kernels from
 * {@code w} (one matrix product with a constant 0/1 selection matrix, zeros where a phase has no
 * tap) into one weight of {@code s * s * C_out} filters over a common window of {@code t} taps per
 * axis ({@code t = 2} for {@code k = 3}, {@code t = 3} for {@code k = 4} and {@code k = 5} at
 * {@code s = 2}), runs one convolution on the input and rearranges the {@code s * s} phase maps
 * into the pixels of each {@code s x s} cell. For {@code k = 5}, {@code s = 2} that is {@code 4 * 9
 * = 36} multiply-adds per input pixel and channel pair instead of the {@code 4 * 25 = 100} of the
 * zero-inserted form, and no inflated input. The gathering is differentiable, so gradients reach
 * {@code w} and the bias.
 *
 * <p>Measured with one thread ({@code UpConv2dBenchmark} in the tests: forward and backward, batch
 * 64, kernel 5, stride 2), the zero-inserted form took 1.7 to 2.6 times as long as this one for 128
 * to 64 channels at 7 x 7, and 7 to 10 times as long for 64 to 1 channel at 14 x 14, on PyTorch and
 * on MXNet. One convolution per phase with only that phase's taps (16 instead of 36 multiply-adds
 * for kernel 4) took 2.6 to 5 times as long for 64 to 1 channel; for 128 to 64 it ranged from 20 %
 * faster (PyTorch, kernel 4) to 40 % slower. Over both layers of the generator the single
 * convolution is faster, so every engine runs it.
 *
 * <p>The parameters are those of the child {@link Conv2d} named {@code "conv"} (weight {@code
 * (C_out, C_in, k, k)}, optional bias {@code (C_out)}), the same on every engine and the same as
 * the zero-insertion implementation of earlier versions wrote, so checkpoints move between engines
 * and versions.
 */
public final class UpConv2d extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int filters;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final int outputPadding;

  /** Taps per axis of the common window that holds every phase's sub-kernel. */
  private final int window;

  /** Zero rows (and columns) the window needs before the first input pixel. */
  private final int before;

  /**
   * {@code (k k, s s t t)}: column {@code ((r_y s + r_x) t + q_y) t + q_x} picks the tap of {@code
   * w} that phase {@code (r_y, r_x)} applies at window position {@code (q_y, q_x)}, or none.
   */
  private final float[] selection;

  private final Conv2d conv;

  private UpConv2d(
      int filters, int kernel, int stride, int padding, int outputPadding, boolean bias) {
    super(VERSION);
    if (filters < 1) {
      throw new ZooException("UpConv2d needs at least one filter, not " + filters + ".");
    }
    if (kernel < 1) {
      throw new ZooException("UpConv2d needs a kernel size of at least 1, not " + kernel + ".");
    }
    if (stride < 1) {
      throw new ZooException("UpConv2d needs a stride of at least 1, not " + stride + ".");
    }
    if (padding < 0 || padding >= kernel) {
      throw new ZooException(
          "UpConv2d needs a padding from 0 to kernel - 1 = " + (kernel - 1) + ", not " + padding);
    }
    if (outputPadding < 0 || outputPadding >= stride) {
      throw new ZooException(
          "UpConv2d needs an output padding from 0 to stride - 1 = "
              + (stride - 1)
              + ", not "
              + outputPadding);
    }
    this.filters = filters;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.outputPadding = outputPadding;
    int lead = kernel - 1 - padding;
    int first = -(lead / stride);
    int last = (padding + stride - 1) / stride;
    this.before = -first;
    this.window = last - first + 1;
    this.selection = PolyphaseArrays.selection(kernel, stride, lead, first, window);
    this.conv =
        addChildBlock(
            "conv",
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(lead, lead))
                .optBias(bias)
                .build());
  }

  /**
   * A transposed convolution to {@code filters} channels with an odd {@code kernel}, padding {@code
   * (kernel - 1) / 2} and output padding {@code stride - 1}, with a bias: {@code (N, C, H, W)} to
   * {@code (N, filters, stride H, stride W)}.
   */
  public static UpConv2d of(int filters, int kernel, int stride) {
    return new UpConv2d(filters, oddKernel(kernel), stride, (kernel - 1) / 2, stride - 1, true);
  }

  /** The same as {@link #of} without a bias, for layers followed by batch normalisation. */
  public static UpConv2d withoutBias(int filters, int kernel, int stride) {
    return new UpConv2d(filters, oddKernel(kernel), stride, (kernel - 1) / 2, stride - 1, false);
  }

  /**
   * DCGAN's transposed convolution: kernel 4, stride 2, padding 1, output padding 0, so {@code (N,
   * C, H, W)} becomes {@code (N, filters, 2 H, 2 W)}.
   */
  public static UpConv2d dcgan(int filters, boolean bias) {
    return new UpConv2d(filters, 4, 2, 1, 0, bias);
  }

  /**
   * The transposed convolution with the given kernel, stride, padding and output padding: {@code
   * (N, C, H, W)} to {@code (N, filters, (H - 1) stride - 2 padding + kernel + outputPadding,
   * ...)}.
   */
  public static UpConv2d transposed(
      int filters, int kernel, int stride, int padding, int outputPadding, boolean bias) {
    return new UpConv2d(filters, kernel, stride, padding, outputPadding, bias);
  }

  /** The stride {@code s}. */
  public int stride() {
    return stride;
  }

  /** The padding {@code p} of the transposed convolution. */
  public int padding() {
    return padding;
  }

  /** The output padding {@code a}. */
  public int outputPadding() {
    return outputPadding;
  }

  /** The convolution that holds the parameters {@code w} and the bias (see the class comment). */
  public Conv2d convolution() {
    return conv;
  }

  private static int oddKernel(int kernel) {
    if (kernel <= 0 || kernel % 2 == 0) {
      throw new ZooException(
          "UpConv2d.of needs an odd kernel size, not "
              + kernel
              + "; UpConv2d.dcgan or UpConv2d.transposed take even ones.");
    }
    return kernel;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray w = store.getValue(conv.getParameters().get("weight"), device, training);
    Parameter biasParam = conv.getParameters().get("bias");
    NDArray b = biasParam == null ? null : store.getValue(biasParam, device, training);
    return new NDList(polyphase(x, w, b));
  }

  /**
   * The transposed convolution of {@code x (N, C_in, H, W)} with the convolution-form weight {@code
   * w (C_out, C_in, k, k)} and bias {@code b (C_out)} or null, as one convolution with {@code s s
   * C_out} filters and a depth-to-space step.
   */
  private NDArray polyphase(NDArray x, NDArray w, NDArray b) {
    Shape in = x.getShape();
    long n = in.get(0);
    long h = in.get(2);
    long wd = in.get(3);
    long outH = outputSize(h);
    long outW = outputSize(wd);
    int s = stride;
    long cellsH = (outH + s - 1) / s;
    long cellsW = (outW + s - 1) / s;
    long cout = w.getShape().get(0);
    long cin = w.getShape().get(1);
    NDArray kernels = w;
    NDArray bias = b;
    if (s > 1) {
      NDArray pick =
          x.getManager()
              .create(selection, new Shape((long) kernel * kernel, (long) s * s * window * window))
              .toType(w.getDataType(), false);
      // Results of operations on a parameter belong to the parameter's manager, which lives as
      // long as the model: move the first one into the call's scope, so that nothing derived
      // from the weights outlives the call.
      NDArray flat = w.reshape(cout * cin, (long) kernel * kernel);
      flat.attach(x.getManager());
      kernels =
          PolyphaseArrays.selectTaps(flat, pick)
              .reshape(cout, cin, (long) s * s, window, window)
              .transpose(0, 2, 1, 3, 4)
              .reshape(cout * s * s, cin, window, window);
      if (b != null) {
        bias = b.repeat(0, (long) s * s);
        bias.attach(x.getManager());
      }
    }
    // the window needs `before` zeros before the input and enough after it for the last cell
    long afterH = cellsH + window - before - 1 - h;
    long afterW = cellsW + window - before - 1 - wd;
    long padH = Math.max(0, Math.min(before, afterH));
    long padW = Math.max(0, Math.min(before, afterW));
    NDArray padded = PolyphaseArrays.padAxis(x, 2, before - padH, afterH - padH);
    padded = PolyphaseArrays.padAxis(padded, 3, before - padW, afterW - padW);
    NDArray y =
        Conv2d.conv2d(
                padded, kernels, bias, new Shape(1, 1), new Shape(padH, padW), new Shape(1, 1), 1)
            .singletonOrThrow();
    if (y.getShape().get(2) != cellsH || y.getShape().get(3) != cellsW) {
      y = y.get(new NDIndex(":, :, :{}, :{}", cellsH, cellsW));
    }
    if (s == 1) {
      return y;
    }
    NDArray up =
        y.reshape(n * cout, s, s, cellsH, cellsW)
            .transpose(0, 3, 1, 4, 2)
            .reshape(n, cout, cellsH * s, cellsW * s);
    if (cellsH * s != outH || cellsW * s != outW) {
      up = up.get(new NDIndex(":, :, :{}, :{}", outH, outW));
    }
    return up;
  }

  private long outputSize(long in) {
    long out = (in - 1) * stride - 2L * padding + kernel + outputPadding;
    if (out < 1) {
      throw new ZooException(
          "UpConv2d "
              + this
              + " leaves no output for an input of "
              + in
              + " pixels; the output size is (in - 1) stride - 2 padding + kernel + output padding.");
    }
    return out;
  }

  /** The input of the zero-inserted form, the shape the child convolution was built for. */
  private Shape spreadShape(Shape in) {
    return new Shape(in.get(0), in.get(1), in.get(2) * stride, in.get(3) * stride);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {
      new Shape(in.get(0), filters, outputSize(in.get(2)), outputSize(in.get(3)))
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, spreadShape(inputShapes[0]));
  }

  @Override
  public String toString() {
    return "UpConv2d(kernel "
        + kernel
        + ", stride "
        + stride
        + ", padding "
        + padding
        + ", output padding "
        + outputPadding
        + ", "
        + conv
        + ")";
  }
}
