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
 * @param parameters the number of parameters (scalars) of all its networks, or -1 when unknown
 * @param runsOn the engine and device it is loaded on, or null for a model that is not loaded
 */
public record ModelCard(CheckpointInfo info, long parameters, String runsOn) {

  /** The card of a checkpoint as its {@code model.json} records it, without loading the model. */
  public static ModelCard saved(CheckpointInfo info) {
    return new ModelCard(info, -1, null);
  }

  /** The card as lines of text. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s/%s%n", info.family(), info.variant()));
    if (parameters >= 0) {
      sb.append(String.format(Locale.ROOT, "  parameters       %,d%n", parameters));
    }
    if (runsOn != null) {
      sb.append(String.format(Locale.ROOT, "  runs on          %s%n", runsOn));
    }
    sb.append(String.format(Locale.ROOT, "  hyper-parameters %s%n", info.hyperparameters()));
    sb.append(String.format(Locale.ROOT, "  input shape      %s%n", info.inputShape()));
    if (!info.labels().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "  labels           %s%n", info.labels()));
    }
    sb.append(String.format(Locale.ROOT, "  trained epochs   %d%n", info.epoch()));
    info.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-16s %.4f%n", k, v)));
    Provenance p = info.provenance();
    if (p == null) {
      sb.append(
          "  provenance       not recorded (the checkpoint was written before the zoo recorded"
              + " provenance)\n");
    } else {
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
    m.put("parameters", parameters >= 0 ? parameters : null);
    m.put("runs_on", runsOn);
    m.put("hyperparameters", info.hyperparameters());
    m.put("input_shape", info.inputShape());
    m.put("labels", info.labels());
    m.put("epochs", info.epoch());
    m.put("metrics", info.metrics());
    m.put("engine", info.engine());
    m.put("engine_version", info.engineVersion());
    m.put("djl_version", info.djlVersion());
    Provenance p = info.provenance();
    Map<String, Object> provenance = null;
    if (p != null) {
      provenance = new LinkedHashMap<>();
      provenance.put("data", p.data());
      provenance.put("data_sha256", p.dataSha256());
      provenance.put("command", p.command());
      provenance.put("zoo_version", p.zooVersion());
      provenance.put("java_version", p.javaVersion());
      provenance.put("os", p.os());
    }
    m.put("provenance", provenance);
    return m;
  }
}
