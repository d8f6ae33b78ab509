package dev.zoo.engine.mxnet;

import dev.zoo.api.engine.DjlBackend;
import dev.zoo.api.engine.NativeThreads;
import dev.zoo.api.engine.Offers;
import dev.zoo.api.engine.Op;

/**
 * Apache MXNet 1.9.1 (MKL build) through DJL's {@code mxnet-engine}: trains; lacks batched matrix
 * multiply and (through DJL's block) transposed convolution between different channel counts (DJL
 * 0.35.1, as {@link dev.zoo.api.engine.OpProbe} measures).
 *
 * <p>Before the native library loads, {@link #prepare()} gives OpenMP {@link
 * NativeThreads#intraOpThreads()} threads and, on a CPU, selects MXNet's synchronous {@code
 * NaiveEngine} ({@code MXNET_ENGINE_TYPE}), which trained the zoo's small networks about 25% faster
 * than the threaded engine on 2 cores. Settings the user made are kept.
 */
public final class MxNetBackend extends DjlBackend {

  /** Creates the backend; nothing is loaded until {@link #load()}. */
  public MxNetBackend() {
    super(
        "mxnet", "MXNet", "ai.djl.mxnet.engine.MxEngineProvider", "native/lib/mxnet.properties", 1);
  }

  @Override
  public Offers declaredOffers() {
    return Offers.allBut(hasGpu(), Op.CONV2D_TRANSPOSE, Op.BATCH_MATMUL);
  }

  @Override
  public void prepare() {
    NativeThreads.applyOpenMp();
    if (!hasGpu()) {
      NativeThreads.setDefaultEnvironment("MXNET_ENGINE_TYPE", "NaiveEngine");
    }
  }
}
