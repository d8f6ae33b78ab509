package dev.zoo.api.engine;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.zoo.api.common.ZooCache;
import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured speeds of the engines per job, which the {@link EngineSelector} uses to take the fastest
 * capable engine. Two sources, the second overriding the first: the figures shipped with the zoo
 * (resource {@code engine-speeds.json}, written by {@code zoo bench all --write-speeds} from the
 * training figures of a benchmark on idle cores; an empty list until such a run) and this machine's
 * own, written by {@code zoo engines --tune} into {@link #cacheFile()}. A measurement counts only
 * for the DJL version it was taken with.
 */
public final class EngineSpeeds {

  /** The environment variable naming the zoo's cache folder (default {@code ~/.cache/zoo}). */
  public static final String CACHE_ENV = ZooCache.ENV;

  private static final String RESOURCE = "/dev/zoo/api/engine/engine-speeds.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private static final java.lang.reflect.Type LIST =
      new TypeToken<List<Measurement>>() {}.getType();

  /**
   * The speeds of the engines at one job on one kind of device.
   *
   * @param job e.g. {@code training gan/dcgan}
   * @param device {@code cpu} or {@code gpu}
   * @param perSecond examples (or tokens) per second by engine name; only ratios matter
   * @param djlVersion the DJL version measured
   * @param measured the date of the measurement, ISO-8601
   * @param source how it was measured, e.g. {@code zoo engines --tune}
   */
  public record Measurement(
      String job,
      String device,
      Map<String, Double> perSecond,
      String djlVersion,
      String measured,
      String source) {}

  private final Map<String, Measurement> byKey = new LinkedHashMap<>();

  private EngineSpeeds(List<Measurement> measurements) {
    for (Measurement m : measurements) {
      if (m != null && m.job() != null && m.perSecond() != null) {
        byKey.put(key(m.job(), m.device()), m);
      }
    }
  }

  /** Speeds from explicit measurements, for tests and embedding. */
  public static EngineSpeeds of(List<Measurement> measurements) {
    return new EngineSpeeds(measurements);
  }

  /** No measurements: the selector falls back to each engine's preference. */
  public static EngineSpeeds none() {
    return new EngineSpeeds(List.of());
  }

  /**
   * The shipped speeds overlaid by this machine's, for DJL's version; an unreadable cache file is
   * ignored (the shipped figures remain).
   */
  public static EngineSpeeds load() {
    List<Measurement> all = new ArrayList<>(shipped());
    all.addAll(read(cacheFile()));
    String djl = djlVersion();
    all.removeIf(m -> m == null || (m.djlVersion() != null && !m.djlVersion().equals(djl)));
    return new EngineSpeeds(all);
  }

  /** Where {@code zoo engines --tune} keeps this machine's measurements. */
  public static Path cacheFile() {
    return ZooCache.folder().resolve("engine-speeds.json");
  }

  /**
   * The measurement of {@code job} on {@code device}; a job that runs a trained model ({@code
   * running ...}) without a measurement of its own takes its training's.
   */
  public Optional<Measurement> lookup(String job, String device) {
    Measurement m = byKey.get(key(job, device));
    if (m == null && job.startsWith("running ")) {
      m = byKey.get(key("training " + job.substring("running ".length()), device));
    }
    return Optional.ofNullable(m);
  }

  /** Every measurement, shipped ones first. */
  public List<Measurement> all() {
    return List.copyOf(byKey.values());
  }

  /**
   * Adds this machine's measurements to its cache file (replacing older ones of the same job and
   * device), written to a temporary file and renamed.
   *
   * @throws ZooException when the cache folder cannot be written
   */
  public static void remember(List<Measurement> measurements) {
    merge(cacheFile(), measurements);
  }

  /**
   * Adds measurements to the JSON list of {@link Measurement}s in {@code file} (created if absent),
   * replacing older ones of the same job and device and keeping the others in their order; written
   * to a temporary file and renamed. {@code zoo engines --tune} writes this machine's cache with
   * it, {@code zoo bench all --write-speeds} the figures shipped in zoo-api.
   *
   * @throws ZooException when the file cannot be written
   */
  public static void merge(Path file, List<Measurement> measurements) {
    Map<String, Measurement> merged = new LinkedHashMap<>();
    for (Measurement m : read(file)) {
      if (m != null && m.job() != null) {
        merged.put(key(m.job(), m.device()), m);
      }
    }
    for (Measurement m : measurements) {
      merged.put(key(m.job(), m.device()), m);
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".engine-speeds", ".json");
      Files.writeString(
          tmp, GSON.toJson(new ArrayList<>(merged.values())) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ZooException("Cannot write " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** DJL's version, read from its jar without initialising DJL's engines. */
  public static String djlVersion() {
    try (InputStream in = Engine.class.getResourceAsStream("api.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("djl_version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static List<Measurement> shipped() {
    try (InputStream in = EngineSpeeds.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return List.of();
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        List<Measurement> list = GSON.fromJson(reader, LIST);
        return list == null ? List.of() : list;
      }
    } catch (IOException | JsonParseException e) {
      return List.of();
    }
  }

  /** The measurements in {@code file}, a JSON list; none when it is absent or unreadable. */
  public static List<Measurement> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      List<Measurement> list = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), LIST);
      return list == null ? List.of() : list;
    } catch (IOException | JsonParseException e) {
      return List.of();
    }
  }

  private static String key(String job, String device) {
    return job + "@" + (device == null ? "cpu" : device);
  }
}
