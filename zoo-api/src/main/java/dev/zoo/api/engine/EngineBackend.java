package dev.zoo.api.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A DJL engine as the zoo sees it. One implementation per engine, each in its own module ({@code
 * dev.zoo:zoo-engine-pytorch} and so on, with the engine's CPU natives), registered in that jar's
 * {@code META-INF/services/dev.zoo.api.engine.EngineBackend}: an application adds one dependency
 * per engine it wants.
 *
 * <p>{@link #name()}, {@link #isAvailable()} and {@link #declaredOffers()} must not load native
 * libraries: {@code zoo list} and engine selection call them. {@link #load()} does.
 */
public interface EngineBackend {

  /**
   * The zoo's name for the engine, lower case: {@code pytorch}, {@code mxnet}, {@code tensorflow}
   * or {@code onnxruntime}.
   */
  String name();

  /** DJL's name for the engine, e.g. {@code PyTorch}. */
  String djlEngine();

  /** Whether the engine's classes and native libraries are on the class path. */
  boolean isAvailable();

  /** Why the engine is not available, or an empty string when it is. */
  String unavailableReason();

  /**
   * What the engine offers according to the zoo's probes of this DJL version, without loading it.
   * {@link OpProbe} measures the same on a loaded engine.
   */
  Offers declaredOffers();

  /**
   * Rank among engines that cover a family's needs on the same kind of device: lower is preferred.
   */
  int preference();

  /** Anything that must happen before DJL first touches the engine, such as native files. */
  default void prepare() {}

  /**
   * Prepares and loads the engine; throws {@link dev.zoo.api.common.ZooException} when it cannot.
   */
  ai.djl.engine.Engine load();

  /** The devices of the loaded engine: the CPU and any GPUs. */
  default List<DeviceInfo> devices() {
    ai.djl.engine.Engine engine = load();
    List<DeviceInfo> devices = new ArrayList<>();
    devices.add(DeviceInfo.CPU);
    for (int i = 0; i < engine.getGpuCount(); i++) {
      devices.add(new DeviceInfo("gpu", i));
    }
    return devices;
  }

  /**
   * Whether a GPU can be used, answered without loading natives where possible; the default asks
   * the loaded engine only when the engine is available and GPU natives could be present.
   */
  default boolean hasGpu() {
    return false;
  }
}
