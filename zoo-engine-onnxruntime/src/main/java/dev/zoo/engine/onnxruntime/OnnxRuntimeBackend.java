package dev.zoo.engine.onnxruntime;

import ai.djl.engine.Engine;
import dev.zoo.api.engine.DjlBackend;
import dev.zoo.api.engine.NativeThreads;
import dev.zoo.api.engine.Offers;
import dev.zoo.api.engine.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

/**
 * ONNX Runtime 1.21.1 through DJL's {@code onnxruntime-engine}: inference only. It runs models
 * stored as ONNX files, not DJL blocks, so it offers none of the zoo's operations ({@link
 * dev.zoo.api.engine.OpProbe} measures none on it) and the zoo never chooses it for a family's
 * training or for running a checkpoint; asked for by name for those, it is refused with what it
 * lacks. It runs the files {@code zoo export FAMILY --format onnx} writes ({@link
 * dev.zoo.api.onnx.OnnxNetwork}): {@code zoo predict} and {@code zoo eval} take such a file as
 * their {@code --checkpoint} and run it here.
 *
 * <p>Its natives are inside {@code com.microsoft.onnxruntime:onnxruntime} (CPU builds for Linux,
 * macOS and Windows), which extracts them when the engine loads: no download. {@link #prepare()}
 * gives it {@link NativeThreads#intraOpThreads()} intra-op threads ({@code
 * ai.djl.onnxruntime.num_threads}) and one inter-op thread, and turns off DJL's "alternative
 * engine" ({@code ai.djl.onnx.disable_alternative}), through which ONNX Runtime's arrays would
 * borrow operations from another engine on the class path: what it offers is then ONNX Runtime's
 * own. Settings the user made are kept.
 */
public final class OnnxRuntimeBackend extends DjlBackend {

  /** Where the ONNX Runtime jar keeps its native libraries. */
  private static final String NATIVE_DIR = "ai/onnxruntime/native/";

  /** The system property that names DJL's default engine. */
  private static final String DEFAULT_ENGINE = "ai.djl.default_engine";

  /** Creates the backend; nothing is loaded until {@link #load()}. */
  public OnnxRuntimeBackend() {
    super(
        "onnxruntime",
        "OnnxRuntime",
        "ai.djl.onnxruntime.engine.OrtEngineProvider",
        NATIVE_DIR + platform() + "/" + System.mapLibraryName("onnxruntime"),
        10);
  }

  @Override
  public Offers declaredOffers() {
    return new Offers(EnumSet.noneOf(Op.class), hasGpu());
  }

  /**
   * Whether a GPU can be used: an NVIDIA driver and the CUDA provider of {@code
   * com.microsoft.onnxruntime:onnxruntime_gpu} in place of the CPU jar.
   */
  @Override
  public boolean hasGpu() {
    return Files.exists(Path.of("/proc/driver/nvidia/version"))
        && loader()
                .getResource(
                    NATIVE_DIR
                        + platform()
                        + "/"
                        + System.mapLibraryName("onnxruntime_providers_cuda"))
            != null;
  }

  /**
   * Loads ONNX Runtime without leaving it as DJL's default engine. DJL works out some blocks'
   * output shapes on its default engine, which ONNX Runtime cannot do (it runs ONNX files, not DJL
   * blocks): a zoo model run after an ONNX file in the same process would fail. When no default was
   * set before, the next engine the zoo loads becomes the default instead.
   *
   * @throws dev.zoo.api.common.EngineException when ONNX Runtime is not available or its native
   *     library fails to load
   */
  @Override
  public Engine load() {
    boolean unset = System.getProperty(DEFAULT_ENGINE) == null;
    Engine engine = super.load();
    if (unset && djlEngine().equals(System.getProperty(DEFAULT_ENGINE))) {
      System.clearProperty(DEFAULT_ENGINE);
    }
    return engine;
  }

  @Override
  public void prepare() {
    NativeThreads.setDefaultProperty(
        "ai.djl.onnxruntime.num_threads", Integer.toString(NativeThreads.intraOpThreads()));
    NativeThreads.setDefaultProperty("ai.djl.onnxruntime.num_interop_threads", "1");
    NativeThreads.setDefaultProperty("ai.djl.onnx.disable_alternative", "true");
  }

  /**
   * ONNX Runtime's name of this platform's folder, e.g. {@code linux-x64} or {@code osx-aarch64}.
   */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
    String archName = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x64";
    return osName + "-" + archName;
  }
}
