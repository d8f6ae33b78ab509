package dev.zoo.api.bench;

import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a family's benchmark that are not hyper-parameters of its model, given like them with
 * the prefix {@code bench.} ({@code zoo bench gan --set bench.longer=1}), and the request without
 * them.
 *
 * @param request the training request without the {@code bench.} settings
 * @param settings the benchmark's settings by name, without the prefix
 */
public record BenchSettings(TrainRequest request, Map<String, String> settings) {

  /** The prefix that marks a benchmark's setting among a request's overrides. */
  public static final String PREFIX = "bench.";

  /** Copies the settings. */
  public BenchSettings {
    settings = Map.copyOf(settings);
  }

  /** Splits {@code request}'s overrides into hyper-parameters and benchmark settings. */
  public static BenchSettings of(TrainRequest request) {
    Map<String, String> hyperparameters = new LinkedHashMap<>();
    Map<String, String> bench = new LinkedHashMap<>();
    request
        .overrides()
        .forEach(
            (name, value) -> {
              if (name.startsWith(PREFIX)) {
                bench.put(name.substring(PREFIX.length()), value);
              } else {
                hyperparameters.put(name, value);
              }
            });
    TrainRequest plain =
        new TrainRequest(
            request.variant(),
            request.out(),
            request.epochs(),
            request.batchSize(),
            request.learningRate(),
            request.limit(),
            request.resume(),
            hyperparameters);
    return new BenchSettings(plain, bench);
  }

  /**
   * The positive whole number {@code bench.NAME}, or {@code fallback} when it is not given.
   *
   * @throws InvalidSettingException when it is not a positive whole number
   */
  public int positive(String name, int fallback) {
    String value = settings.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw new InvalidSettingException(
        "Setting " + PREFIX + name + " must be a positive whole number, not '" + value + "'.");
  }

  /**
   * Refuses a benchmark setting that is not one of {@code known}.
   *
   * @throws InvalidSettingException naming the first unknown one
   */
  public BenchSettings allowOnly(String... known) {
    for (String name : settings.keySet()) {
      if (!List.of(known).contains(name)) {
        throw new InvalidSettingException(
            "Unknown benchmark setting "
                + PREFIX
                + name
                + (known.length == 0
                    ? "; this benchmark takes none."
                    : "; known: " + PREFIX + String.join(", " + PREFIX, known) + "."));
      }
    }
    return this;
  }
}
