package dev.zoo.api.bench;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import java.util.LinkedHashMap;
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
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("peer", "zoo-" + choice.backend().name());
    row.put("engine", choice.backend().name());
    row.put("engine_version", engineVersion);
    row.put("model", model);
    row.put("epochs", hp.getInt("epochs"));
    row.put("batch_size", hp.getInt("batch_size"));
    row.put("train_images", trainImages);
    return row;
  }
}
