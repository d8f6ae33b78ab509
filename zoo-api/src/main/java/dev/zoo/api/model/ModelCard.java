package dev.zoo.api.model;

import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.Provenance;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A short description of a model for people: family, variant, number of parameters, engine,
 * hyper-parameters, labels, latest figures and provenance.
 *
 * @param info what {@code model.json} records about the model
 * @param parameters the number of parameters (scalars) of all its networks
 * @param runsOn the engine and device it is loaded on
 */
public record ModelCard(CheckpointInfo info, long parameters, String runsOn) {

  /** The card as lines of text. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s/%s%n", info.family(), info.variant()));
    sb.append(String.format(Locale.ROOT, "  parameters       %,d%n", parameters));
    sb.append(String.format(Locale.ROOT, "  runs on          %s%n", runsOn));
    sb.append(String.format(Locale.ROOT, "  hyper-parameters %s%n", info.hyperparameters()));
    sb.append(String.format(Locale.ROOT, "  input shape      %s%n", info.inputShape()));
    if (!info.labels().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "  labels           %s%n", info.labels()));
    }
    sb.append(String.format(Locale.ROOT, "  trained epochs   %d%n", info.epoch()));
    info.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-16s %.4f%n", k, v)));
    Provenance p = info.provenance();
    if (p != null) {
      sb.append(String.format(Locale.ROOT, "  data             %s%n", p.data()));
      sb.append(String.format(Locale.ROOT, "  data SHA-256     %s%n", p.dataSha256()));
      sb.append(String.format(Locale.ROOT, "  command          %s%n", p.command()));
      sb.append(
          String.format(
              Locale.ROOT,
              "  built with       zoo %s, DJL %s, %s %s, Java %s, %s%n",
              p.zooVersion(),
              info.djlVersion(),
              info.engine(),
              info.engineVersion(),
              p.javaVersion(),
              p.os()));
    }
    return sb.toString();
  }

  /** The card as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", info.family());
    m.put("variant", info.variant());
    m.put("parameters", parameters);
    m.put("runs_on", runsOn);
    m.put("hyperparameters", info.hyperparameters());
    m.put("input_shape", info.inputShape());
    m.put("labels", info.labels());
    m.put("epochs", info.epoch());
    m.put("metrics", info.metrics());
    m.put("engine", info.engine());
    m.put("engine_version", info.engineVersion());
    m.put("djl_version", info.djlVersion());
    m.put("provenance", info.provenance());
    return m;
  }
}
