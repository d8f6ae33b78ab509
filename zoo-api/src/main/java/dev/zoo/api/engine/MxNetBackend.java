package dev.zoo.api.engine;

import java.util.EnumSet;

/**
 * Apache MXNet through DJL: trains; lacks interpolation, batched matrix multiply and (through DJL's
 * block) transposed convolution between different channel counts.
 */
public final class MxNetBackend extends DjlBackend {

  /** Creates the backend; nothing is loaded until {@link #load()}. */
  public MxNetBackend() {
    super(
        "mxnet", "MXNet", "ai.djl.mxnet.engine.MxEngineProvider", "native/lib/mxnet.properties", 1);
  }

  @Override
  public Offers declaredOffers() {
    EnumSet<Op> ops = EnumSet.allOf(Op.class);
    ops.remove(Op.CONV2D_TRANSPOSE);
    ops.remove(Op.BATCH_MATMUL);
    return new Offers(ops, hasGpu());
  }

  @Override
  public void prepare() {
    NativeThreads.apply(name(), hasGpu());
  }
}
