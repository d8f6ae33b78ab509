package dev.zoo.api;

import java.util.Map;

/**
 * A typed result (metrics, predictions, a training summary) that formats itself once for both
 * outputs of the command line: text for a person and a JSON-ready map for {@code --json}.
 */
public interface Reportable {

  /** Lines of text, each ending in a newline. */
  String toText();

  /** Nested maps, lists, numbers and strings with the same figures as {@link #toText()}. */
  Map<String, Object> toMap();

  /** This result as a {@link Report}. */
  default Report report() {
    return new Report(toText(), toMap());
  }
}
