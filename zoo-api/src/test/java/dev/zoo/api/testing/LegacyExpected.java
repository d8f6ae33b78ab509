package dev.zoo.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.train.Adam;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code expected.json} next to each legacy checkpoint under {@code src/test/resources/legacy}:
 * what the code of commit 04c3eed computed from that checkpoint on fixed inputs. Measurements are
 * numbers, lists of numbers or strings, by name; {@link #assertMatches} compares numbers within
 * {@value #TOLERANCE} times the larger of 1 and the expected magnitude (absolute for probabilities
 * and pixels, relative for sums) and strings exactly.
 */
public final class LegacyExpected {

  /** The file next to the checkpoint's files. */
  public static final String FILE = "expected.json";

  /** The tolerance of a number: absolute up to magnitude 1, relative above. */
  public static final double TOLERANCE = 1e-4;

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private LegacyExpected() {}

  /** Measurements by name, in the order they were taken. */
  public static final class Values {
    private final Map<String, Object> map = new LinkedHashMap<>();

    /** Records a list of numbers. */
    public Values put(String name, float[] values) {
      double[] d = new double[values.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = values[i];
      }
      return put(name, d);
    }

    /** Records a list of numbers. */
    public Values put(String name, double[] values) {
      map.put(name, java.util.Arrays.stream(values).boxed().toList());
      return this;
    }

    /** Records one number. */
    public Values put(String name, double value) {
      map.put(name, value);
      return this;
    }

    /** Records a text. */
    public Values put(String name, String value) {
      map.put(name, value);
      return this;
    }

    /** Records the first eight values, the sum and the sum of squares of a long list. */
    public Values summary(String name, float[] values) {
      float[] first = java.util.Arrays.copyOf(values, Math.min(8, values.length));
      double sum = 0;
      double squares = 0;
      for (float v : values) {
        sum += v;
        squares += (double) v * v;
      }
      put(name + ".first8", first);
      put(name + ".sum", sum);
      put(name + ".sum_sq", squares);
      return this;
    }

    Map<String, Object> asMap() {
      return map;
    }
  }

  /** The resource folder {@code legacy/<variant>} of this module's tests, as a path. */
  public static Path resource(String variant) {
    URL url = LegacyExpected.class.getResource("/legacy/" + variant + "/model.json");
    if (url == null) {
      fail("The legacy checkpoint legacy/" + variant + " is missing from the test resources.");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies the checkpoint files of {@code legacy/<variant>} (not {@code expected.json}) into a new
   * folder {@code dir/<variant>}, so that loading can never write into the resources.
   */
  public static Path copyCheckpoint(String variant, Path dir) {
    Path from = resource(variant);
    Path to = dir.resolve(variant);
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().equals(FILE)) {
          Files.copy(file, to.resolve(file.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** Reads {@code legacy/<variant>/expected.json}: {@code about} and {@code values}. */
  public static Map<String, Object> read(String variant) {
    try {
      String json = Files.readString(resource(variant).resolve(FILE), StandardCharsets.UTF_8);
      return GSON.fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The measurements of {@code legacy/<variant>/expected.json}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> expectedValues(String variant) {
    return (Map<String, Object>) read(variant).get("values");
  }

  /** Writes {@code expected.json} into {@code dir}. */
  public static void write(Path dir, Map<String, Object> about, Values values) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("about", about);
    all.put("values", values.asMap());
    Files.writeString(dir.resolve(FILE), GSON.toJson(all) + "\n", StandardCharsets.UTF_8);
  }

  /** Asserts that every expected measurement was taken again with the same result. */
  public static void assertMatches(Map<String, Object> expected, Values actual, String where) {
    Map<String, Object> got = actual.asMap();
    assertEquals(expected.keySet(), got.keySet(), where + ": the measurements taken");
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      String name = where + ", " + e.getKey();
      Object want = e.getValue();
      Object have = got.get(e.getKey());
      if (want instanceof String s) {
        assertEquals(s, have, name);
      } else if (want instanceof Number n) {
        assertClose(n.doubleValue(), ((Number) have).doubleValue(), name);
      } else if (want instanceof List<?> list) {
        List<?> haveList = (List<?>) have;
        assertEquals(list.size(), haveList.size(), name + ": length");
        for (int i = 0; i < list.size(); i++) {
          assertClose(
              ((Number) list.get(i)).doubleValue(),
              ((Number) haveList.get(i)).doubleValue(),
              name + "[" + i + "]");
        }
      } else {
        fail(name + ": unknown kind of expected value " + want);
      }
    }
  }

  /** The largest difference, in tolerance units, between two sets of measurements' numbers. */
  public static double worstDeviation(Map<String, Object> expected, Values actual) {
    double worst = 0;
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Object have = actual.asMap().get(e.getKey());
      if (e.getValue() instanceof Number n) {
        worst = Math.max(worst, deviation(n.doubleValue(), ((Number) have).doubleValue()));
      } else if (e.getValue() instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          worst =
              Math.max(
                  worst,
                  deviation(
                      ((Number) list.get(i)).doubleValue(),
                      ((Number) ((List<?>) have).get(i)).doubleValue()));
        }
      }
    }
    return worst;
  }

  private static double deviation(double expected, double actual) {
    return Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
  }

  private static void assertClose(double expected, double actual, String name) {
    assertTrue(
        deviation(expected, actual) <= TOLERANCE,
        () -> name + ": expected " + expected + " but was " + actual);
  }

  /** The number of steps recorded in a {@code zoo-adam/1} optimizer state file of {@code cp}. */
  public static long adamSteps(Checkpoint cp, String file) {
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        DataInputStream in = cp.open(file)) {
      Adam adam = Adam.of(manager, 1e-3f);
      adam.load(in);
      return adam.steps();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
