package dev.zoo.api.bench;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One runner's row of {@code zoo bench}: who ran, on which engine, which model, how long, and the
 * figures every family reports under the same keys, which the peer scripts in {@code bench/peers/}
 * print too (their {@code common.py} names the same keys), so that one table shows every family. A
 * family's benchmark starts a row with {@link #start} or {@link #steps}, sets the common figures
 * with {@link #training}, {@link #inference}, {@link #generation}, {@link #quality} and {@link
 * #finish}, and may add figures of its own under other keys (e.g. per-epoch lists).
 */
public final class BenchRow {

  /** Training throughput after warm-up, in {@link #UNIT}s per second. */
  public static final String TRAIN = "train_per_s";

  /**
   * What training throughput counts: {@code images}, {@code chars}, {@code tokens}, {@code rows}.
   */
  public static final String UNIT = "unit";

  /** Inference throughput in {@link #UNIT}s per second at batch {@link #INFER_BATCH}. */
  public static final String INFER = "infer_per_s";

  /** The batch of {@link #INFER}: 256, or the family's natural batch. */
  public static final String INFER_BATCH = "infer_batch";

  /** The median time of one inference at batch 1, in milliseconds. */
  public static final String LATENCY = "latency_ms";

  /** Generation throughput in {@link #GEN_UNIT}s per second (generative models only). */
  public static final String GEN = "gen_per_s";

  /** What generation throughput counts: {@code images}, {@code chars} or {@code tokens}. */
  public static final String GEN_UNIT = "gen_unit";

  /** The peak resident set size of the runner's process, in megabytes. */
  public static final String PEAK_RSS = "peak_rss_mb";

  /** The quality figure after the budget, a number (or null when the runner cannot measure it). */
  public static final String QUALITY = "quality";

  /** What {@link #QUALITY} is, e.g. {@code test accuracy}, {@code FD}, {@code val bpc}. */
  public static final String QUALITY_NAME = "quality_name";

  /** A short note next to the quality figure, e.g. the class entropy of generated images. */
  public static final String QUALITY_NOTE = "quality_note";

  /** The training budget in words, e.g. {@code 1 epoch of 12,000 images}. */
  public static final String BUDGET = "budget";

  /** The family's further figures in one line of text. */
  public static final String DETAILS = "details";

  /** Settings (name to value) the plain-PyTorch peer needs to train the same model. */
  public static final String PEER_ARGS = "peer_args";

  /** The held-out windows a language model's inference throughput scores. */
  public static final int TEXT_WINDOWS = 64;

  private static final int TEXT_LATENCY_RUNS = 50;

  private BenchRow() {}

  /**
   * A row for {@code model} trained with {@code hp} ({@code epochs}, {@code batch_size}) on {@code
   * trainExamples} examples on the chosen engine, whose version is {@code engineVersion}.
   */
  public static Map<String, Object> start(
      EngineChoice choice,
      String engineVersion,
      String model,
      Hyperparameters hp,
      int trainExamples) {
    Map<String, Object> row = runner(choice, engineVersion, model);
    row.put("epochs", hp.getInt("epochs"));
    row.put("batch_size", hp.getInt("batch_size"));
    row.put("train_examples", trainExamples);
    return row;
  }

  /**
   * A row for the text model {@code model} trained with {@code hp}'s step budget ({@code steps},
   * {@code batch_size} windows of {@code context} tokens) on the chosen engine.
   */
  public static Map<String, Object> steps(
      EngineChoice choice, String engineVersion, String model, Hyperparameters hp) {
    Map<String, Object> row = runner(choice, engineVersion, model);
    row.put("steps", hp.getInt("steps"));
    row.put("batch_size", hp.getInt("batch_size"));
    row.put("context", hp.getInt("context"));
    return row;
  }

  /** Sets the training throughput: {@code perSecond} {@code unit}s a second after warm-up. */
  public static void training(Map<String, Object> row, double perSecond, String unit) {
    row.put(TRAIN, finite(perSecond));
    row.put(UNIT, unit);
  }

  /**
   * Sets inference throughput ({@code perSecond} units a second at batch {@code batch}) and the
   * median latency of one example at batch 1 ({@code latencyMs}); NaN for a figure not measured.
   */
  public static void inference(
      Map<String, Object> row, double perSecond, int batch, double latencyMs) {
    row.put(INFER, finite(perSecond));
    row.put(INFER_BATCH, batch);
    row.put(LATENCY, finite(latencyMs));
  }

  /**
   * Sets a language model's training and inference figures: {@code unit}s a second of training
   * after warm-up ({@code timer}'s windows of {@code context} units), characters a second scoring
   * the first {@value #TEXT_WINDOWS} windows of {@code context} characters of {@code heldOut} with
   * {@code score} (bits per character, at the model's own evaluation batch {@code batch}), and the
   * median time to score one window at batch 1.
   *
   * @param score the model's bits per character of a text
   * @param heldOut held-out text of at least {@code 64 * context + 1} characters (a shorter one is
   *     scored whole)
   */
  public static void languageModel(
      Map<String, Object> row,
      StepTimer timer,
      String unit,
      ToDoubleFunction<String> score,
      String heldOut,
      int context,
      int batch) {
    training(row, timer.examplesPerSecond() * context, unit);
    String scored = prefix(heldOut, TEXT_WINDOWS * context + 1);
    String one = prefix(heldOut, context + 1);
    score.applyAsDouble(scored);
    int characters = scored.codePointCount(0, scored.length()) - 1;
    double perSecond = Measure.perSecond(characters, () -> score.applyAsDouble(scored));
    for (int i = 0; i < 5; i++) {
      score.applyAsDouble(one);
    }
    double latency = Measure.medianMillis(TEXT_LATENCY_RUNS, i -> one, score::applyAsDouble);
    inference(row, perSecond, batch, latency);
  }

  /**
   * A budget in epochs in words, e.g. {@code 1 epoch of 12,000 images, batch 32}, from {@code hp}'s
   * {@code epochs} and {@code batch_size}.
   */
  public static String epochs(Hyperparameters hp, int examples, String unit) {
    int epochs = hp.getInt("epochs");
    return String.format(
        Locale.ROOT,
        "%d epoch%s of %,d %s, batch %d",
        epochs,
        epochs == 1 ? "" : "s",
        examples,
        unit,
        hp.getInt("batch_size"));
  }

  /** Sets generation throughput: {@code perSecond} {@code unit}s a second. */
  public static void generation(Map<String, Object> row, double perSecond, String unit) {
    row.put(GEN, finite(perSecond));
    row.put(GEN_UNIT, unit);
  }

  /**
   * Sets the quality figure after the budget.
   *
   * @param name what it is, e.g. {@code test accuracy}
   * @param value the figure, NaN when not measured
   * @param note a short note shown next to it, or null
   */
  public static void quality(Map<String, Object> row, String name, double value, String note) {
    row.put(QUALITY_NAME, name);
    row.put(QUALITY, Double.isFinite(value) ? value : null);
    if (note != null) {
      row.put(QUALITY_NOTE, note);
    }
  }

  /**
   * Ends a row: the budget in words, the family's further figures in one line (or null) and the
   * process's peak RSS so far.
   */
  public static void finish(Map<String, Object> row, String budget, String details) {
    row.put(BUDGET, budget);
    if (details != null) {
      row.put(DETAILS, details);
    }
    row.put(PEAK_RSS, finite(Measure.peakRssMb()));
  }

  /**
   * The row in one line of text, e.g. {@code mxnet: train 6,100 images/s, inference 12,000 images/s
   * (batch 256), latency 0.52 ms (batch 1), peak RSS 900 MB, test accuracy 0.8712}, then its
   * details.
   */
  public static String line(Map<String, Object> row) {
    List<String> parts = new ArrayList<>();
    Object unit = row.get(UNIT);
    if (row.get(TRAIN) instanceof Number n) {
      parts.add(String.format(Locale.ROOT, "train %,.0f %s/s", n.doubleValue(), unit));
    }
    if (row.get(INFER) instanceof Number n) {
      parts.add(
          String.format(
              Locale.ROOT,
              "inference %,.0f %s/s (batch %s)",
              n.doubleValue(),
              unit,
              row.get(INFER_BATCH)));
    }
    if (row.get(LATENCY) instanceof Number n) {
      parts.add(String.format(Locale.ROOT, "latency %.2f ms (batch 1)", n.doubleValue()));
    }
    if (row.get(GEN) instanceof Number n) {
      parts.add(
          String.format(Locale.ROOT, "generation %,.0f %s/s", n.doubleValue(), row.get(GEN_UNIT)));
    }
    if (row.get(PEAK_RSS) instanceof Number n) {
      parts.add(String.format(Locale.ROOT, "peak RSS %,.0f MB", n.doubleValue()));
    }
    if (row.get(QUALITY) instanceof Number n) {
      parts.add(String.format(Locale.ROOT, "%s %.4f", row.get(QUALITY_NAME), n.doubleValue()));
    }
    if (row.get(QUALITY_NOTE) != null) {
      parts.add(String.valueOf(row.get(QUALITY_NOTE)));
    }
    String line = row.get("engine") + ": " + String.join(", ", parts);
    return row.get(DETAILS) == null ? line + "\n" : line + "\n  " + row.get(DETAILS) + "\n";
  }

  /** A measured speed, time or size: null when not measured (NaN, infinite or negative). */
  private static Double finite(double value) {
    return Double.isFinite(value) && value >= 0 ? value : null;
  }

  /** The first {@code codePoints} characters of {@code text} (all of a shorter one). */
  private static String prefix(String text, int codePoints) {
    int n = text.codePointCount(0, text.length());
    return n <= codePoints ? text : text.substring(0, text.offsetByCodePoints(0, codePoints));
  }

  private static Map<String, Object> runner(
      EngineChoice choice, String engineVersion, String model) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("peer", "zoo-" + choice.backend().name());
    row.put("engine", choice.backend().name());
    row.put("engine_version", engineVersion);
    row.put("device", choice.device().toString());
    row.put("model", model);
    return row;
  }
}
