package dev.zoo.api.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * The thread settings the zoo gives an engine before its native library loads, so that an
 * application that embeds a family gets them as the {@code zoo} command does. A setting the user
 * made (an environment variable or a system property) is never overridden.
 *
 * <ul>
 *   <li>Intra-op threads: {@code ZOO_THREADS} (or the system property {@code zoo.threads}), else
 *       {@code OMP_NUM_THREADS}, else one per available processor.
 *   <li>PyTorch: that many intra-op threads ({@code ai.djl.pytorch.num_threads}) and one inter-op
 *       thread ({@code ai.djl.pytorch.num_interop_threads}): on a few cores a second pool only
 *       competes with the first.
 *   <li>MXNet: {@code OMP_NUM_THREADS} and its synchronous {@code NaiveEngine} on a CPU, which
 *       trained the zoo's small networks about 25% faster than the threaded engine here.
 * </ul>
 *
 * <p>Environment variables are set with the C library's {@code setenv} (through JNA, which DJL
 * already uses), because OpenMP and MXNet read them from the process environment when their
 * libraries initialise.
 */
public final class NativeThreads {

  /** The environment variable that sets the intra-op threads of every engine. */
  public static final String THREADS_ENV = "ZOO_THREADS";

  /** The system property that sets the intra-op threads of every engine. */
  public static final String THREADS_PROPERTY = "zoo.threads";

  private NativeThreads() {}

  /** The intra-op thread count to use. */
  public static int intraOpThreads() {
    String value = System.getProperty(THREADS_PROPERTY, System.getenv(THREADS_ENV));
    if (value == null || value.isBlank()) {
      value = System.getenv("OMP_NUM_THREADS");
    }
    try {
      if (value != null && Integer.parseInt(value.trim()) > 0) {
        return Integer.parseInt(value.trim());
      }
    } catch (NumberFormatException e) {
      // fall back to the processor count
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /** Applies the settings for the engine called {@code engine} ({@code pytorch}, {@code mxnet}). */
  public static void apply(String engine, boolean gpu) {
    String threads = Integer.toString(intraOpThreads());
    setDefaultEnvironment("OMP_NUM_THREADS", threads);
    switch (engine.toLowerCase(Locale.ROOT)) {
      case "pytorch" -> {
        setDefaultProperty("ai.djl.pytorch.num_threads", threads);
        setDefaultProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      case "mxnet" -> {
        if (!gpu) {
          setDefaultEnvironment("MXNET_ENGINE_TYPE", "NaiveEngine");
        }
      }
      default -> {
        // Other engines take the OpenMP setting only.
      }
    }
  }

  private static void setDefaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** Sets an environment variable of this process unless it is set already. */
  static void setDefaultEnvironment(String name, String value) {
    if (System.getenv(name) != null) {
      return;
    }
    try {
      CLibrary.INSTANCE.setenv(name, value, 0);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // Without a C library to call (not Linux or macOS) the engine keeps its own defaults.
    }
  }

  /** The process environment's value of {@code name} as native code sees it, or null. */
  static String environment(String name) {
    return CLibrary.INSTANCE.getenv(name);
  }

  /** The C library's {@code setenv} and {@code getenv}. */
  private interface CLibrary extends Library {
    CLibrary INSTANCE = Native.load("c", CLibrary.class);

    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }
}
