package dev.zoo.api.engine;

/**
 * The engine and device a caller asked for, each null when not named. {@link #resolved()} fills the
 * unnamed ones from the environment ({@code ZOO_ENGINE}, {@code ZOO_DEVICE}), so that the command
 * line, builders and loaders honour the same settings; what is still null is chosen automatically.
 *
 * @param engine {@code pytorch}, {@code mxnet}, {@code tensorflow}, {@code onnxruntime} (DJL's
 *     names work too), or null
 * @param device {@code cpu}, {@code gpu} or {@code gpu(N)}, or null
 */
public record EngineRequest(String engine, String device) {

  /** The environment variable naming the engine when none is given. */
  public static final String ENGINE_ENV = "ZOO_ENGINE";

  /** The environment variable naming the device when none is given. */
  public static final String DEVICE_ENV = "ZOO_DEVICE";

  /** Turns blank names into null. */
  public EngineRequest {
    engine = blankToNull(engine);
    device = blankToNull(device);
  }

  /** A request that names nothing: the environment's choice, else the best engine and device. */
  public static EngineRequest automatic() {
    return new EngineRequest(null, null);
  }

  /** A request for the named engine (or null) on the best device. */
  public static EngineRequest of(String engine) {
    return new EngineRequest(engine, null);
  }

  /** This request with {@code ZOO_ENGINE} and {@code ZOO_DEVICE} filling what it leaves unnamed. */
  public EngineRequest resolved() {
    return new EngineRequest(
        engine != null ? engine : System.getenv(ENGINE_ENV),
        device != null ? device : System.getenv(DEVICE_ENV));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
