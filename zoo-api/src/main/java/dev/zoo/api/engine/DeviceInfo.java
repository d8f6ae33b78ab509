package dev.zoo.api.engine;

/**
 * One device an engine can compute on.
 *
 * @param type {@code cpu} or {@code gpu}
 * @param id the device index (0 for the CPU)
 */
public record DeviceInfo(String type, int id) {

  /** The CPU. */
  public static final DeviceInfo CPU = new DeviceInfo("cpu", 0);

  /** Whether this is a GPU. */
  public boolean isGpu() {
    return "gpu".equals(type);
  }

  /** The device as DJL names it, e.g. {@code cpu()} or {@code gpu(1)}. */
  public ai.djl.Device toDjl() {
    return isGpu() ? ai.djl.Device.gpu(id) : ai.djl.Device.cpu();
  }

  @Override
  public String toString() {
    return isGpu() ? "gpu(" + id + ")" : "cpu";
  }
}
