package dev.zoo.api.bench;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields that open one runner's row of {@code zoo bench}, under the names the peer scripts in
 * {@code bench/peers/} print too: who ran, on which engine, which model, how long and on how much
 * data. A family's benchmark adds its measurements to the returned map.
 */
public final class BenchRow {

  private BenchRow() {}

  /**
   * A row for {@code model} trained with {@code hp} ({@code epochs}, {@code batch_size}) on {@code
   * trainImages} examples on the chosen engine, whose version is {@code engineVersion}.
   */
  public static Map<String, Object> start(
      EngineChoice choice,
      String engineVersion,
      String model,
      Hyperparameters hp,
      int trainImages) {
    Map<String, Object> row = runner(choice, engineVersion, model);
    row.put("epochs", hp.getInt("epochs"));
    row.put("batch_size", hp.getInt("batch_size"));
    row.put("train_images", trainImages);
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

  /**
   * The line that opens an image model's result: {@code "ENGINE: train N images/s, INFERENCE N
   * images/s (batch 256), LATENCY, peak RSS N MB"} from the row's {@code engine}, {@code
   * train_images_per_s}, {@code infer_images_per_s_b256}, {@code latency_ms_b1_median} and {@code
   * peak_rss_mb}.
   *
   * @param inference what the batched figure measures, e.g. {@code inference}
   * @param latency the format of the median milliseconds, e.g. {@code latency %.2f ms (batch 1)}
   */
  public static String imageSpeeds(Map<String, Object> row, String inference, String latency) {
    return String.format(
        Locale.ROOT,
        "%s: train %.0f images/s, %s %.0f images/s (batch 256), " + latency + ", peak RSS %.0f MB",
        row.get("engine"),
        row.get("train_images_per_s"),
        inference,
        row.get("infer_images_per_s_b256"),
        row.get("latency_ms_b1_median"),
        row.get("peak_rss_mb"));
  }

  private static Map<String, Object> runner(
      EngineChoice choice, String engineVersion, String model) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("peer", "zoo-" + choice.backend().name());
    row.put("engine", choice.backend().name());
    row.put("engine_version", engineVersion);
    row.put("model", model);
    return row;
  }
}
