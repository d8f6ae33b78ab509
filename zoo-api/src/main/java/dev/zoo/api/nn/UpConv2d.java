package dev.zoo.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.zoo.api.common.ZooException;

/**
 * A transposed convolution that runs on every training engine: DJL's PyTorch engine has no
 * transposed convolution and MXNet's fails when input and output channels differ, so this block
 * inserts {@code stride - 1} zeros after every input pixel and applies an ordinary convolution.
 *
 * <p>With an odd kernel {@code k} this equals a transposed convolution with stride {@code s},
 * padding {@code (k - 1) / 2} and output padding {@code s - 1} (the kernel flipped), so an {@code H
 * x W} input becomes {@code sH x sW}. The parameters are those of a {@link Conv2d} and the same on
 * every engine, so checkpoints move between engines.
 */
public final class UpConv2d extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int stride;
  private final Conv2d conv;

  private UpConv2d(int filters, int kernel, int stride, boolean bias) {
    super(VERSION);
    if (kernel <= 0 || kernel % 2 == 0) {
      throw new ZooException("UpConv2d needs an odd kernel size, not " + kernel + ".");
    }
    if (stride < 1) {
      throw new ZooException("UpConv2d needs a stride of at least 1, not " + stride + ".");
    }
    this.stride = stride;
    int pad = (kernel - 1) / 2;
    this.conv =
        addChildBlock(
            "conv",
            Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optBias(bias)
                .build());
  }

  /** An up-sampling convolution to {@code filters} channels, with a bias. */
  public static UpConv2d of(int filters, int kernel, int stride) {
    return new UpConv2d(filters, kernel, stride, true);
  }

  /** The same without a bias, for layers followed by batch normalisation. */
  public static UpConv2d withoutBias(int filters, int kernel, int stride) {
    return new UpConv2d(filters, kernel, stride, false);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray up = zeroInsert(inputs.singletonOrThrow(), stride);
    return conv.forward(store, new NDList(up), training, params);
  }

  /**
   * Spreads the pixels of an {@code (N, C, H, W)} array {@code stride} apart, zeros in between and
   * after the last pixel: {@code (N, C, stride H, stride W)}.
   */
  public static NDArray zeroInsert(NDArray x, int stride) {
    if (stride == 1) {
      return x;
    }
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    NDManager m = x.getManager();
    NDArray wide =
        x.expandDims(4)
            .concat(m.zeros(new Shape(n, c, h, w, stride - 1), x.getDataType(), x.getDevice()), 4)
            .reshape(n, c, h, w * stride);
    return wide.expandDims(3)
        .concat(
            m.zeros(new Shape(n, c, h, stride - 1, w * stride), x.getDataType(), x.getDevice()), 3)
        .reshape(n, c, h * stride, w * stride);
  }

  private Shape upShape(Shape in) {
    return new Shape(in.get(0), in.get(1), in.get(2) * stride, in.get(3) * stride);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(new Shape[] {upShape(inputShapes[0])});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, upShape(inputShapes[0]));
  }

  @Override
  public String toString() {
    return "UpConv2d(stride " + stride + ", " + conv + ")";
  }
}
