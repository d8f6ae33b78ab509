package dev.zoo.cli;

import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.ZooException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code zoo train} and {@code zoo run}. */
final class TrainOptions {

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "The variant (default: the " + "family's default; see 'zoo info FAMILY').")
  String variant;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Training data (default: ZOO_DATA, "
              + "then the installed data set, then the embedded sample).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "The run directory.")
  Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data.")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step.")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
  Double learningRate;

  @Option(names = "--limit", paramLabel = "N", description = "Train on the first N examples only.")
  Integer limit;

  @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
  boolean resume;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Train for N optimizer steps (batches) instead of whole epochs.")
  Integer steps;

  @Option(
      names = "--holdout-class",
      paramLabel = "CLASS",
      description = "Leave one class out of training (anomaly detection; vae).")
  String holdoutClass;

  @Option(
      names = "--column",
      paramLabel = "NAMES",
      description = "The CSV column(s) to forecast, comma-separated (lstm-forecast).")
  String column;

  @Option(
      names = "--horizon",
      paramLabel = "N",
      description = "How many future values to forecast (lstm-forecast).")
  Integer horizon;

  @Option(
      names = "--beta",
      paramLabel = "B",
      description = "Weight of the KL term (beta-VAE; vae).")
  Double beta;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "Set a hyper-parameter by name (repeatable; see 'zoo info FAMILY').")
  Map<String, String> overrides = new LinkedHashMap<>();

  TrainRequest request(Path defaultOut) {
    if (steps != null && steps <= 0) {
      throw new ZooException("Steps must be a positive number, not " + steps + ".");
    }
    Map<String, String> all = new LinkedHashMap<>(overrides);
    put(all, "steps", steps);
    put(all, "holdout_class", holdoutClass);
    put(all, "column", column);
    put(all, "horizon", horizon);
    put(all, "beta", beta);
    return new TrainRequest(
        variant,
        out != null ? out : defaultOut,
        epochs,
        batchSize,
        learningRate,
        limit,
        resume,
        all);
  }

  /** The named options are shorthands for {@code --set}; a variant without the setting refuses. */
  private static void put(Map<String, String> all, String name, Object value) {
    if (value != null) {
      all.put(name, value.toString());
    }
  }
}
