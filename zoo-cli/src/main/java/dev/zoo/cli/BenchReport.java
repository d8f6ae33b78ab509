package dev.zoo.cli;

import dev.zoo.api.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code zoo bench} prints: one row per engine and one for the plain-PyTorch peer, each
 * with its ratio to the peer's training throughput (also added to the rows, as {@code
 * ratio_to_peer}).
 */
final class BenchReport {

  private final String familyName;
  private final Integer epochs;
  private final Integer limit;

  BenchReport(String familyName, Integer epochs, Integer limit) {
    this.familyName = familyName;
    this.epochs = epochs;
    this.limit = limit;
  }

  /**
   * The report of a family that measures images: training and inference images/s, latency, peak
   * memory and a quality figure per epoch, one row per runner.
   */
  Report images(List<Map<String, Object>> rows, Map<String, Object> peer) {
    double peerSpeed = peer == null ? Double.NaN : trainSpeed(peer);
    // A family whose quality is not an accuracy names its own per-epoch figure.
    Object qualityName = rows.get(0).getOrDefault("quality_name", "test accuracy");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Benchmark of %s/%s, %s%n",
            familyName,
            rows.get(0).get("model"),
            rows.get(0).containsKey("budget")
                ? rows.get(0).get("budget")
                : epochs
                    + " epoch(s)"
                    + (limit == null ? "" : ", first " + limit + " training images")));
    text.append(
        String.format(
            Locale.ROOT,
            "%-16s %12s %9s %12s %11s %9s  %s%n",
            "runner",
            "train img/s",
            "vs peer",
            "infer img/s",
            "latency ms",
            "peak MB",
            qualityName));
    for (Map<String, Object> row : rows) {
      double speed = trainSpeed(row);
      double ratio = speed / peerSpeed;
      row.put("ratio_to_peer", Double.isFinite(ratio) ? ratio : null);
      if (row.get("summary") != null) {
        // A family that measures other figures than images describes its row itself.
        text.append(
            String.format(
                Locale.ROOT,
                "%-16s %s%s%n",
                row.get("peer"),
                row.get("summary"),
                Double.isFinite(ratio)
                    ? String.format(Locale.ROOT, " (%.2fx the peer)", ratio)
                    : ""));
        continue;
      }
      text.append(
          String.format(
              Locale.ROOT,
              "%-16s %12.0f %9s %12.0f %11.2f %9.0f  %s%n",
              row.get("peer"),
              speed,
              Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-",
              number(row.get("infer_images_per_s_b256")),
              number(row.get("latency_ms_b1_median")),
              number(row.get("peak_rss_mb")),
              accuracies(row.getOrDefault("quality", row.get("test_accuracy")))));
    }
    text.append("Training throughput is the last epoch's; the first epoch includes warm-up.\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", familyName);
    json.put("epochs", epochs);
    json.put("limit", limit);
    json.put("results", rows);
    return new Report(text.toString(), json);
  }

  /**
   * The report of a family whose rows name their own columns ({@code columns}: header, key, format)
   * and throughput key ({@code speed_key}), next to the peer.
   */
  Report table(List<Map<String, Object>> rows, Map<String, Object> peer) {
    Map<String, Object> first = rows.get(0);
    String speedKey = String.valueOf(first.get("speed_key"));
    double peerSpeed = peer == null ? Double.NaN : number(peer.get(speedKey));
    List<?> columns = (List<?>) first.get("columns");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Benchmark of %s/%s, %s steps of batch %s%s%n",
            familyName,
            first.get("model"),
            plain(first.get("steps")),
            plain(first.get("batch_size")),
            limit == null ? "" : ", first " + limit + " training examples"));
    StringBuilder header =
        new StringBuilder(String.format(Locale.ROOT, "%-16s %9s", "runner", "vs peer"));
    for (Object c : columns) {
      header.append(String.format(Locale.ROOT, " %14s", ((Map<?, ?>) c).get("header")));
    }
    text.append(header).append('\n');
    for (Map<String, Object> row : rows) {
      double ratio = number(row.get(speedKey)) / peerSpeed;
      row.put("ratio_to_peer", Double.isFinite(ratio) ? ratio : null);
      text.append(
          String.format(
              Locale.ROOT,
              "%-16s %9s",
              row.get("peer"),
              Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-"));
      for (Object c : columns) {
        Map<?, ?> column = (Map<?, ?>) c;
        double value = number(row.get(String.valueOf(column.get("key"))));
        text.append(
            String.format(
                Locale.ROOT,
                " %14s",
                Double.isFinite(value)
                    ? String.format(Locale.ROOT, String.valueOf(column.get("format")), value)
                    : "-"));
      }
      text.append('\n');
    }
    text.append("Training throughput is over the second half of the steps, after warm-up.\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", familyName);
    json.put("steps", first.get("steps"));
    json.put("limit", limit);
    json.put("results", rows);
    return new Report(text.toString(), json);
  }

  /** A JSON number as the command line writes it: whole numbers without a fraction. */
  static Object plain(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    return value;
  }

  /** Training throughput: {@code train_per_s} in the row's own unit, else images/s. */
  private static double trainSpeed(Map<String, Object> row) {
    return number(
        row.containsKey("train_per_s") ? row.get("train_per_s") : row.get("train_images_per_s"));
  }

  private static String accuracies(Object value) {
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(String.format(Locale.ROOT, "%.4f", number(o)));
      }
      return String.join(" / ", parts);
    }
    return String.valueOf(value);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
