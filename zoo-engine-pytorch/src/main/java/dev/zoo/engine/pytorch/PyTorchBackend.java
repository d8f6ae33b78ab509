package dev.zoo.engine.pytorch;

import dev.zoo.api.engine.DjlBackend;
import dev.zoo.api.engine.NativeThreads;
import dev.zoo.api.engine.Offers;
import dev.zoo.api.engine.Op;

/**
 * PyTorch 2.7.1 through DJL's {@code pytorch-engine}: trains; lacks transposed convolution and
 * means over two axes at once (DJL 0.35.1, as {@link dev.zoo.api.engine.OpProbe} measures).
 *
 * <p>Before the native library loads, {@link #prepare()} gives it {@link
 * NativeThreads#intraOpThreads()} intra-op threads ({@code OMP_NUM_THREADS} and {@code
 * ai.djl.pytorch.num_threads}) and one inter-op thread ({@code
 * ai.djl.pytorch.num_interop_threads}): on a few cores a second pool only competes with the first
 * (a training step went from about 48 to 35 ms per batch of 128 here). Settings the user made are
 * kept.
 */
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
    return Offers.allBut(hasGpu(), Op.CONV2D_TRANSPOSE, Op.MEAN_TWO_AXES);
  }

  @Override
  public void prepare() {
    String threads = Integer.toString(NativeThreads.applyOpenMp());
    NativeThreads.setDefaultProperty("ai.djl.pytorch.num_threads", threads);
    NativeThreads.setDefaultProperty("ai.djl.pytorch.num_interop_threads", "1");
  }
}
