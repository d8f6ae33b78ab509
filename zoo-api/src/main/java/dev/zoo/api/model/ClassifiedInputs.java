package dev.zoo.api.model;

import dev.zoo.api.Reportable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zoo predict} prints for a classifier: each input with its most likely classes.
 *
 * @param model e.g. {@code cnn/simple-cnn}
 * @param inputKind what an input is, the JSON key of each row's input: {@code file} or {@code text}
 * @param results each input (a file or a text) with its classes, most likely first
 */
public record ClassifiedInputs(
    String model, String inputKind, Map<String, List<Classification>> results)
    implements Reportable {

  /** Copies the results, keeping their order. */
  public ClassifiedInputs {
    results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }

  @Override
  public String toText() {
    StringBuilder text = new StringBuilder();
    results.forEach(
        (input, top) -> {
          text.append(input).append(':');
          for (Classification c : top) {
            text.append(String.format(Locale.ROOT, "  %s %.3f", c.label(), c.probability()));
          }
          text.append('\n');
        });
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    List<Map<String, Object>> rows = new ArrayList<>();
    results.forEach(
        (input, top) -> {
          List<Map<String, Object>> classes = new ArrayList<>();
          for (Classification c : top) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.label());
            m.put("probability", c.probability());
            classes.add(m);
          }
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(inputKind, input);
          row.put("top", classes);
          rows.add(row);
        });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("predictions", rows);
    return json;
  }
}
