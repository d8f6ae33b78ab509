package dev.zoo.api.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The thread settings an engine backend gives its native library before it loads, so that an
 * application that embeds a family gets them as the {@code zoo} command does. A setting the user
 * made (an environment variable or a system property) is never overridden.
 *
 * <p>Intra-op threads: {@code ZOO_THREADS} (or the system property {@code zoo.threads}), else
 * {@code OMP_NUM_THREADS}, else one per available processor. {@link #applyOpenMp()} gives OpenMP
 * that many threads; each backend adds its engine's own settings in {@link
 * EngineBackend#prepare()}.
 *
 * <p>Environment variables are set with the C library's {@code setenv} (through JNA, which DJL
 * already uses), because OpenMP and some engines read them from the process environment when their
 * libraries initialise.
 */
public final class NativeThreads {

  /** The environment variable that sets the intra-op threads of every engine. */
  public static final String THREADS_ENV = "ZOO_THREADS";

  /** The system property that sets the intra-op threads of every engine. */
  public static final String THREADS_PROPERTY = "zoo.threads";

  /** The spins of an idle GNU OpenMP thread before it sleeps; see {@link #applyOpenMp()}. */
  static final String SPIN_COUNT = "30000";

  private NativeThreads() {}

  /** The intra-op thread count to use, at least 1. */
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

  /**
   * Gives OpenMP {@link #intraOpThreads()} threads ({@code OMP_NUM_THREADS}) and a short spin
   * ({@code GOMP_SPINCOUNT=30000}) unless they are set.
   *
   * <p>The spin: a GNU OpenMP thread that finds no work spins this many times before it sleeps. Its
   * default (300,000, several milliseconds) costs dearly when other processes share the cores: each
   * parallel region waits for a colleague that is not running. On two cores beside two busy
   * processes the tabular mlp trained at about 270 rows/s with the default spin, 1,990 with 30,000
   * and 3,850 with none ({@code OMP_WAIT_POLICY=PASSIVE}); on idle cores no spin cost the dcgan
   * about a third of its speed (332 to 422 against 543 to 673 images/s) while 30,000 kept it (545).
   * {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} set by the user win.
   *
   * @return the intra-op thread count, for the engine's own settings
   */
  public static int applyOpenMp() {
    int threads = intraOpThreads();
    setDefaultEnvironment("OMP_NUM_THREADS", Integer.toString(threads));
    if (System.getenv("OMP_WAIT_POLICY") == null) {
      setDefaultEnvironment("GOMP_SPINCOUNT", SPIN_COUNT);
    }
    return threads;
  }

  /** Sets a system property unless it is set already. */
  public static void setDefaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /**
   * Sets an environment variable of this process unless it is set already; without a C library to
   * call (neither Linux nor macOS) the engine keeps its own defaults.
   */
  public static void setDefaultEnvironment(String name, String value) {
    if (System.getenv(name) != null) {
      return;
    }
    try {
      CLibrary.INSTANCE.setenv(name, value, 0);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // No C library: nothing to set.
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
