package dev.zoo.api;

import dev.zoo.api.common.InvalidSettingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a command asks of a trained model: the checkpoint, the inputs named on the command line
 * (files or texts), an output path, and the values of the family's own options by key (see {@link
 * FamilyOption}). The typed getters check a value when it is read and refuse a bad one in one
 * sentence; a family reads its options before it loads anything native.
 *
 * @param checkpoint a run directory or a checkpoint directory
 * @param inputs files or texts to run the model on, possibly empty
 * @param out where to write a result file, or null
 * @param options the family options given, by key
 */
public record ModelRequest(
    Path checkpoint, List<String> inputs, Path out, Map<String, String> options) {

  /** Checks the checkpoint and copies the collections. */
  public ModelRequest {
    if (checkpoint == null) {
      throw new InvalidSettingException("A checkpoint is needed (--checkpoint DIR).");
    }
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A request for {@code checkpoint} alone, for applications and tests. */
  public static ModelRequest of(Path checkpoint) {
    return new ModelRequest(checkpoint, List.of(), null, Map.of());
  }

  /** A copy with the inputs. */
  public ModelRequest withInputs(List<String> values) {
    return new ModelRequest(checkpoint, values, out, options);
  }

  /** A copy with the output path. */
  public ModelRequest withOut(Path value) {
    return new ModelRequest(checkpoint, inputs, value, options);
  }

  /** A copy with one more option. */
  public ModelRequest with(String key, Object value) {
    Map<String, String> all = new java.util.LinkedHashMap<>(options);
    all.put(key, String.valueOf(value));
    return new ModelRequest(checkpoint, inputs, out, all);
  }

  /** Whether the option was given. */
  public boolean has(String key) {
    return options.containsKey(key);
  }

  /** The option's text, or {@code fallback} when it was not given. */
  public String text(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  /**
   * The option as a positive whole number, or {@code fallback} when it was not given.
   *
   * @throws InvalidSettingException when it is not a positive whole number
   */
  public int positiveInt(String key, int fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new InvalidSettingException(name(key) + " must be a positive number, not " + v + ".");
  }

  /**
   * The option as a number in {@code (low, high]}, or {@code fallback} when it was not given.
   *
   * @throws InvalidSettingException when it is not such a number
   */
  public double number(String key, double fallback, double low, double high) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(v.trim());
      if (x > low && x <= high) {
        return x;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    String range =
        high == Double.POSITIVE_INFINITY
            ? "a positive number"
            : String.format(Locale.ROOT, "in (%s, %s]", fmt(low), fmt(high));
    throw new InvalidSettingException(name(key) + " must be " + range + ", not " + v + ".");
  }

  /**
   * Refuses options the family does not take for this command, naming all of them (in alphabetical
   * order) in one sentence.
   *
   * @param what what they do not apply to, e.g. {@code "a VAE"}
   * @throws InvalidSettingException when an option outside {@code known} was given
   */
  public void allowOnly(String what, String... known) {
    List<String> allowed = List.of(known);
    List<String> refused =
        options.keySet().stream()
            .filter(k -> !allowed.contains(k))
            .sorted()
            .map(k -> "--" + k.replace('_', '-'))
            .toList();
    if (!refused.isEmpty()) {
      throw new InvalidSettingException(
          String.join(", ", refused)
              + (refused.size() == 1 ? " does" : " do")
              + " not apply to "
              + what
              + ".");
    }
  }

  private static String name(String key) {
    String s = key.replace('_', '-');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
