package dev.zoo.cli;

import dev.zoo.api.Report;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card of a checkpoint as {@code model.json} records it, for {@code zoo info
 * --checkpoint}: family, variant, hyper-parameters, input shape, labels, trained epochs, latest
 * metrics, engine and versions, and where the model came from. Reads no parameters and loads no
 * native library.
 */
final class CheckpointCard {

  /** What the card says of a checkpoint written before the zoo recorded provenance. */
  static final String NO_PROVENANCE =
      "not recorded (the checkpoint was written before the zoo recorded provenance)";

  private final Checkpoint checkpoint;

  private CheckpointCard(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  /** The card of an opened (verified) checkpoint. */
  static CheckpointCard of(Checkpoint checkpoint) {
    return new CheckpointCard(checkpoint);
  }

  /** The card as text and as JSON. */
  Report report() {
    return new Report(text(), data());
  }

  private String text() {
    CheckpointInfo info = checkpoint.info();
    StringBuilder sb = new StringBuilder();
    line(sb, "%s/%s in %s", info.family(), info.variant(), checkpoint.dir());
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

  private Map<String, Object> data() {
    CheckpointInfo info = checkpoint.info();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checkpoint", checkpoint.dir().toString());
    m.put("family", info.family());
    m.put("variant", info.variant());
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
    if (p == null) {
      m.put("provenance", null);
    } else {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("data", p.data());
      pm.put("data_sha256", p.dataSha256());
      pm.put("command", p.command());
      pm.put("zoo_version", p.zooVersion());
      pm.put("java_version", p.javaVersion());
      pm.put("os", p.os());
      m.put("provenance", pm);
    }
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
