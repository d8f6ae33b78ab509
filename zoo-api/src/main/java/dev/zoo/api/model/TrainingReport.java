package dev.zoo.api.model;

import dev.zoo.api.Report;
import dev.zoo.api.Reportable;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.MetricsLog;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zoo train} and {@code zoo run} print when a run ends, the same for every family: the
 * model, epochs, time and data; the family's headline figures; the run directory and its files; and
 * in JSON the same plus every epoch's figures. A family adds its own lines and files.
 */
public final class TrainingReport implements Reportable {

  private final String model;
  private final TrainingSummary summary;
  private final String unit;
  private final String data;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();

  private TrainingReport(String model, TrainingSummary summary, String unit, String data) {
    this.model = model;
    this.summary = summary;
    this.unit = unit;
    this.data = data;
  }

  /**
   * A report of {@code summary}.
   *
   * @param model e.g. {@code cnn/simple-cnn}
   * @param unit the noun of the throughput, e.g. {@code images}
   * @param data where the training data came from
   */
  public static TrainingReport of(String model, TrainingSummary summary, String unit, String data) {
    return new TrainingReport(model, summary, unit, data);
  }

  /** Adds one line of text (no newline) after the first. */
  public TrainingReport line(String text) {
    lines.add(text);
    return this;
  }

  /** Adds a headline figure to the JSON (and nothing to the text; say it in a {@link #line}). */
  public TrainingReport figure(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  /**
   * Adds a classifier's test figures: a line with accuracy and macro F1 (and ROC-AUC for two
   * classes), and {@code accuracy}, {@code macro_f1}, {@code macro_precision}, {@code macro_recall}
   * and {@code roc_auc} in the JSON.
   */
  public TrainingReport classification(ClassificationMetrics test) {
    line(
        String.format(
            Locale.ROOT,
            "Test accuracy %.4f (macro F1 %.4f%s).",
            test.accuracy(),
            test.macroF1(),
            Double.isNaN(test.rocAuc())
                ? ""
                : String.format(Locale.ROOT, ", ROC-AUC %.4f", test.rocAuc())));
    Map<String, Object> all = test.toMap();
    for (String k : List.of("accuracy", "macro_f1", "macro_precision", "macro_recall", "roc_auc")) {
      if (all.containsKey(k)) {
        figure(k, all.get(k));
      }
    }
    return this;
  }

  /** Lists a file of the run directory, e.g. {@code file("samples", "samples.png")}. */
  public TrainingReport file(String what, String name) {
    files.put(what, summary.runDir().resolve(name));
    return this;
  }

  /** The last epoch's figure {@code name}, or NaN when there is none. */
  public double last(String name) {
    EpochResult last = summary.last();
    Double v = last == null ? null : last.metrics().get(name);
    return v == null ? Double.NaN : v;
  }

  @Override
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained %s to epoch %d in %.1f s on %s.%n",
            model,
            summary.completedEpochs(),
            summary.seconds(),
            data));
    EpochResult last = summary.last();
    if (last != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "%,.0f %s/s in training (last epoch).%n",
              last.examplesPerSecond(),
              unit));
    }
    lines.forEach(l -> text.append(l).append('\n'));
    Map<String, Path> all = allFiles();
    text.append("Run directory: ").append(summary.runDir()).append('\n');
    all.forEach(
        (what, path) -> text.append(String.format(Locale.ROOT, "  %-18s %s%n", what, path)));
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("epochs", summary.completedEpochs());
    json.put("seconds", summary.seconds());
    json.put("data", data);
    EpochResult last = summary.last();
    json.put(unit + "_per_s", last == null ? null : last.examplesPerSecond());
    json.putAll(figures);
    json.put("run_dir", summary.runDir().toString());
    Map<String, Object> paths = new LinkedHashMap<>();
    allFiles().forEach((k, v) -> paths.put(k.replace(' ', '_'), v.toString()));
    json.put("files", paths);
    List<Map<String, Object>> history = new ArrayList<>();
    for (EpochResult r : summary.epochs()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("epoch", r.epoch());
      e.putAll(r.metrics());
      e.put(unit + "_per_s", r.examplesPerSecond());
      e.put("seconds", r.seconds());
      history.add(e);
    }
    json.put("history", history);
    return json;
  }

  /** This report for the command line. */
  @Override
  public Report report() {
    return Reportable.super.report();
  }

  private Map<String, Path> allFiles() {
    Map<String, Path> all = new LinkedHashMap<>(files);
    all.put("checkpoint", summary.runDir().resolve(Checkpoint.DIR));
    all.put("metrics", summary.runDir().resolve(MetricsLog.FILE));
    return all;
  }
}
