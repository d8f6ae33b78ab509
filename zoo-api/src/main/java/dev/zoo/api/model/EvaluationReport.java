package dev.zoo.api.model;

import dev.zoo.api.Report;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code zoo eval} prints for every family: a heading naming the model, its checkpoint and the
 * data, then the family's figures; in JSON the figures plus {@code model}, {@code checkpoint},
 * {@code engine} and {@code data}.
 */
public final class EvaluationReport {

  private EvaluationReport() {}

  /**
   * The report of {@code model}, loaded from {@code checkpoint}, evaluated on {@code data}.
   *
   * @param text the figures for people, lines ending in newlines
   * @param figures the same figures, JSON-ready
   */
  public static Report of(
      BaseModel<?> model, Path checkpoint, String data, String text, Map<String, Object> figures) {
    String name = model.family() + "/" + model.variant();
    Map<String, Object> json = new LinkedHashMap<>(figures);
    json.put("model", name);
    json.put("variant", model.variant());
    json.put("checkpoint", checkpoint.toString());
    json.put("engine", model.engine().backend().name());
    json.put("data", data);
    String heading = "Evaluated " + name + " from " + checkpoint + " on " + data + ".";
    return new Report(heading + "\n\n" + text, json);
  }
}
