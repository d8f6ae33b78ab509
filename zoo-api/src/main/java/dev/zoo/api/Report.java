package dev.zoo.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a family action (train, evaluate, predict): text for a person and the same figures
 * as a JSON-ready map for {@code --json}.
 *
 * @param text what the command prints without {@code --json}
 * @param data nested maps, lists, numbers and strings
 */
public record Report(String text, Map<String, Object> data) {

  /** Copies {@code data} so that the record stays immutable. */
  public Report {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }
}
