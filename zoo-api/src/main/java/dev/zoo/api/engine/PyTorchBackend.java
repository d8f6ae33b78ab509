package dev.zoo.api.engine;

import java.util.EnumSet;

/** PyTorch through DJL: trains; lacks transposed convolution and means over two axes. */
public final class PyTorchBackend extends DjlBackend {

  /** Creates the backend; nothing is loaded until {@link #load()}. */
  public PyTorchBackend() {
    super(
        "pytorch",
        "PyTorch",
        "ai.djl.pytorch.engine.PtEngineProvider",
        "native/lib/pytorch.properties",
        2);
  }

  @Override
  public Offers declaredOffers() {
    EnumSet<Op> ops = EnumSet.allOf(Op.class);
    ops.remove(Op.CONV2D_TRANSPOSE);
    ops.remove(Op.MEAN_TWO_AXES);
    return new Offers(ops, hasGpu());
  }

  @Override
  public void prepare() {
    NativeThreads.apply(name(), hasGpu());
  }
}
