package dev.zoo.api.model;

import dev.zoo.api.Reportable;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model card: what a model is (family, variant, hyper-parameters, input shape, labels), how far
 * it was trained and its latest figures, the engine and versions, and where it came from (data, its
 * SHA-256, the command, the zoo, Java and OS). {@link BaseModel#describe()} gives the card of a
 * loaded model; {@link #saved} that of a checkpoint, read from {@code model.json} without loading
 * anything native.
 *
 * @param info what {@code model.json} records about the model
 * @param parameters the number of parameters (scalars) of all its networks, or -1 when unknown
 * @param runsOn the engine and device it is loaded on, or null for a model that is not loaded
 * @param location the checkpoint directory, or null
 */
public record ModelCard(CheckpointInfo info, long parameters, String runsOn, String location)
    implements Reportable {

  /** What a card says of a checkpoint written before the zoo recorded provenance. */
  public static final String NO_PROVENANCE =
      "not recorded (the checkpoint was written before the zoo recorded provenance)";

  /** The card of a checkpoint as its {@code model.json} records it, without loading the model. */
  public static ModelCard saved(Checkpoint checkpoint) {
    return new ModelCard(
        checkpoint.info(), checkpoint.info().parameters(), null, checkpoint.dir().toString());
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    line(sb, "%s/%s%s", info.family(), info.variant(), location == null ? "" : " in " + location);
    if (parameters >= 0) {
      row(sb, "parameters", String.format(Locale.ROOT, "%,d", parameters));
    }
    if (runsOn != null) {
      row(sb, "runs on", runsOn);
    }
    row(sb, "hyper-parameters", info.hyperparameters());
    row(sb, "input shape", info.inputShape());
    List<String> labels = info.labels();
    if (labels != null && !labels.isEmpty()) {
      row(sb, "labels", labels);
    }
    row(sb, "trained epochs", info.epoch());
    if (info.metrics() != null) {
      info.metrics().forEach((k, v) -> row(sb, k, number(v)));
    }
    row(sb, "engine", info.engine() + " " + info.engineVersion() + ", DJL " + info.djlVersion());
    if (info.engineReason() != null) {
      row(sb, "chosen because", info.engineReason());
    }
    row(sb, "seed", info.seed());
    if (info.created() != null) {
      row(sb, "written", info.created());
    }
    Provenance p = info.provenance();
    if (p == null) {
      row(sb, "provenance", NO_PROVENANCE);
    } else {
      row(sb, "data", p.data());
      row(sb, "data SHA-256", p.dataSha256());
      row(sb, "command", p.command());
      row(sb, "zoo", p.zooVersion());
      row(sb, "Java", p.javaVersion());
      row(sb, "OS", p.os());
    }
    return sb.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checkpoint", location);
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
    m.put("engine_reason", info.engineReason());
    m.put("seed", info.seed());
    m.put("created", info.created());
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

  private static void row(StringBuilder sb, String name, Object value) {
    line(sb, "  %-18s %s", name, value);
  }

  /** A metric: whole numbers (steps, counts) as such, others to four decimals. */
  private static String number(Double v) {
    if (v != null && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString(v.longValue());
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static void line(StringBuilder sb, String format, Object... args) {
    sb.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
