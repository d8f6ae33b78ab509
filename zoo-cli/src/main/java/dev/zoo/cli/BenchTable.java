package dev.zoo.cli;

import dev.zoo.api.bench.BenchRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The one table of {@code zoo bench}: a row per runner (each engine, then the plain-PyTorch peer)
 * of every family measured, with the figures every family's benchmark reports under the keys of
 * {@link BenchRow}, and each engine's ratio to its family's peer per figure. The ratio is the
 * engine's figure over the peer's: above 1 is faster for throughput, slower for latency and larger
 * for memory. Rows are the benchmark processes' JSON objects; each holds its {@code family}, and
 * this table adds {@code vs_peer} (figure key to ratio) to the engines' rows.
 */
final class BenchTable {

  /** The runner name the peer scripts print as {@code peer}. */
  static final String PEER = "pytorch-python";

  /** A measured figure: its key in the rows and its header. */
  record Figure(String key, String header) {}

  /** The figures compared with the peer, in the table's order. */
  static final List<Figure> FIGURES =
      List.of(
          new Figure(BenchRow.TRAIN, "train/s"),
          new Figure(BenchRow.INFER, "infer/s"),
          new Figure(BenchRow.LATENCY, "latency ms"),
          new Figure(BenchRow.GEN, "gen/s"),
          new Figure(BenchRow.PEAK_RSS, "peak MB"));

  private static final List<String> HEADER =
      List.of(
          "family",
          "model",
          "runner",
          "unit",
          "train/s",
          "infer/s",
          "batch",
          "latency ms",
          "gen/s",
          "peak MB",
          "quality");

  private final List<Map<String, Object>> rows;

  /** The table of {@code rows}, to whose engine rows it adds their ratios to the peer. */
  BenchTable(List<Map<String, Object>> rows) {
    this.rows = rows;
    for (Map<String, Object> row : rows) {
      Map<String, Object> peer = peerOf(row);
      if (peer == null || peer == row) {
        continue;
      }
      Map<String, Object> ratios = new LinkedHashMap<>();
      for (Figure f : FIGURES) {
        double ratio = number(row.get(f.key())) / number(peer.get(f.key()));
        ratios.put(f.key(), Double.isFinite(ratio) ? ratio : null);
      }
      row.put("vs_peer", ratios);
    }
  }

  /** Whether {@code row} is a plain-PyTorch peer's. */
  static boolean isPeer(Map<String, Object> row) {
    return PEER.equals(row.get("peer"));
  }

  /** The rows, with their ratios. */
  List<Map<String, Object>> rows() {
    return rows;
  }

  /** The table as aligned columns of plain text. */
  String text() {
    return aligned(cells(), c -> c < 4 || c == HEADER.size() - 1);
  }

  /**
   * Rows of cells (the first the header) as aligned columns of plain text, two spaces apart; the
   * columns {@code left} accepts are aligned left, the others right.
   */
  static String aligned(List<List<String>> cells, IntPredicate left) {
    int[] widths = new int[cells.get(0).size()];
    for (List<String> line : cells) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        String cell = line.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        text.append(c == 0 ? "" : "  ").append(left.test(c) ? cell + pad : pad + cell);
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The table in Markdown. */
  String markdown() {
    List<List<String>> cells = cells();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      out.append("| ").append(String.join(" | ", cells.get(i))).append(" |\n");
      if (i == 0) {
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < HEADER.size(); c++) {
          rule.add(c < 4 || c == HEADER.size() - 1 ? "---" : "---:");
        }
        out.append("| ").append(String.join(" | ", rule)).append(" |\n");
      }
    }
    return out.toString();
  }

  /** Each row's further figures, one line each: {@code cnn zoo-mxnet: ...}. */
  List<String> details() {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (row.get(BenchRow.DETAILS) != null) {
        lines.add(row.get("family") + " " + row.get("peer") + ": " + row.get(BenchRow.DETAILS));
      }
    }
    return lines;
  }

  private List<List<String>> cells() {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (Map<String, Object> row : rows) {
      Map<?, ?> ratios = row.get("vs_peer") instanceof Map<?, ?> m ? m : Map.of();
      List<String> line = new ArrayList<>();
      line.add(String.valueOf(row.get("family")));
      line.add(String.valueOf(row.getOrDefault("model", "-")));
      line.add(String.valueOf(row.get("peer")));
      line.add(String.valueOf(row.getOrDefault(BenchRow.UNIT, "-")));
      for (Figure f : FIGURES) {
        String value = format(row.get(f.key()));
        if (ratios.get(f.key()) instanceof Number ratio) {
          value += String.format(Locale.ROOT, " (%.2fx)", ratio.doubleValue());
        }
        line.add(value);
        if (f.key().equals(BenchRow.INFER)) {
          line.add(row.get(BenchRow.INFER) == null ? "-" : whole(row.get(BenchRow.INFER_BATCH)));
        }
      }
      line.add(quality(row));
      cells.add(line);
    }
    return cells;
  }

  /** E.g. {@code test accuracy 0.8712}, {@code FD 76.52 (class entropy 2.85 bits)}. */
  private static String quality(Map<String, Object> row) {
    Object value = row.get(BenchRow.QUALITY);
    Object note = row.get(BenchRow.QUALITY_NOTE);
    String text =
        value instanceof Number n
            ? row.get(BenchRow.QUALITY_NAME) + " " + decimals(n.doubleValue())
            : "-";
    return note == null ? text : text + " (" + note + ")";
  }

  /** A figure with as many decimals as its size needs: 6,123; 42.5; 0.52; or "-". */
  static String format(Object value) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return "-";
    }
    double v = n.doubleValue();
    String pattern = Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /** A whole number such as a batch size, or "-". */
  private static String whole(Object value) {
    return value instanceof Number n ? Long.toString(Math.round(n.doubleValue())) : "-";
  }

  private static String decimals(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.2f" : "%.4f", v);
  }

  /** The peer row of {@code row}'s family, or null. */
  private Map<String, Object> peerOf(Map<String, Object> row) {
    for (Map<String, Object> other : rows) {
      if (isPeer(other) && String.valueOf(other.get("family")).equals(row.get("family"))) {
        return other;
      }
    }
    return null;
  }

  static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
