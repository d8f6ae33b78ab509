package dev.zoo.api.common;

import java.nio.file.Path;

/**
 * The zoo's cache folder on this machine: the system property {@code zoo.cache} when set, else
 * {@code $ZOO_CACHE}, else {@code ~/.cache/zoo}. It holds the engines' measured speeds and the
 * unpacked pretrained models; deleting it loses nothing that cannot be measured or unpacked again.
 */
public final class ZooCache {

  /** The environment variable naming the zoo's cache folder (default {@code ~/.cache/zoo}). */
  public static final String ENV = "ZOO_CACHE";

  /** The system property naming the zoo's cache folder; it wins over {@link #ENV}. */
  public static final String PROPERTY = "zoo.cache";

  private ZooCache() {}

  /** The cache folder; it may not exist yet. */
  public static Path folder() {
    String dir = System.getProperty(PROPERTY, System.getenv(ENV));
    return dir != null && !dir.isBlank()
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "zoo");
  }
}
