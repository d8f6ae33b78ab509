package dev.zoo.api.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered, immutable set of named hyper-parameters with typed getters. A variant's defaults
 * define which names exist; {@link #with} refuses unknown names so that a typo on the command line
 * is an error rather than a silently ignored setting.
 */
public final class Hyperparameters {

  private final Map<String, String> values;

  private Hyperparameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Hyper-parameters from text such as {@code "epochs=5, batch_size=32, schedule=cosine"}: comma
   * separated {@code name=value} pairs, in order; a value may be empty.
   *
   * @throws InvalidSettingException for a pair without {@code =}
   */
  public static Hyperparameters parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new InvalidSettingException("'" + pair.trim() + "' is not a name=value pair.");
      }
      values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return new Hyperparameters(values);
  }

  /** Hyper-parameters from a map, as read back from a checkpoint. */
  public static Hyperparameters of(Map<String, String> values) {
    return new Hyperparameters(new LinkedHashMap<>(values));
  }

  /** Returns a copy with {@code overrides} applied; every name must already exist. */
  public Hyperparameters with(Map<String, String> overrides) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!copy.containsKey(e.getKey())) {
        throw new InvalidSettingException(
            "Unknown hyper-parameter '"
                + e.getKey()
                + "'; known: "
                + String.join(", ", copy.keySet())
                + ".");
      }
      copy.put(e.getKey(), e.getValue());
    }
    Hyperparameters result = new Hyperparameters(copy);
    for (String key : overrides.keySet()) {
      result.checkType(key, values.get(key));
    }
    return result;
  }

  /**
   * Returns a copy with {@code saved} laid over these values, names these do not define included:
   * for reading back a checkpoint, whose settings win over today's defaults.
   */
  public Hyperparameters overlaid(Map<String, String> saved) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.putAll(saved);
    return new Hyperparameters(copy);
  }

  private void checkType(String key, String original) {
    if (original == null) {
      return;
    }
    if (original.matches("-?\\d+")) {
      getInt(key);
    } else if (original.matches("-?[\\d.]+(e-?\\d+)?")) {
      getDouble(key);
    } else if (original.equals("true") || original.equals("false")) {
      String v = values.get(key);
      if (!v.equals("true") && !v.equals("false")) {
        throw new InvalidSettingException(
            "Hyper-parameter '" + key + "' must be true or false, not '" + v + "'.");
      }
    }
  }

  /** An integer hyper-parameter. */
  public int getInt(String key) {
    String v = require(key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          "Hyper-parameter '" + key + "' must be an integer, not '" + v + "'.");
    }
  }

  /** A floating-point hyper-parameter. */
  public double getDouble(String key) {
    String v = require(key);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          "Hyper-parameter '" + key + "' must be a number, not '" + v + "'.");
    }
  }

  /** A boolean hyper-parameter. */
  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(require(key).trim());
  }

  /** A string hyper-parameter. */
  public String get(String key) {
    return require(key);
  }

  /** Whether the name exists. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** All values as strings, in definition order. */
  public Map<String, String> asMap() {
    return values;
  }

  private String require(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new InvalidSettingException("Missing hyper-parameter '" + key + "'.");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** Builds hyper-parameters in the order they are put. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    /** Adds or replaces one value. */
    public Builder put(String key, Object value) {
      values.put(key, String.valueOf(value));
      return this;
    }

    /** Builds the immutable set. */
    public Hyperparameters build() {
      return new Hyperparameters(new LinkedHashMap<>(values));
    }
  }
}
