package dev.zoo.cli;

import dev.zoo.api.TrainRequest;
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
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "Set a hyper-parameter by name (repeatable; see 'zoo info FAMILY').")
  Map<String, String> overrides = new LinkedHashMap<>();

  TrainRequest request(Path defaultOut) {
    return new TrainRequest(
        variant,
        out != null ? out : defaultOut,
        epochs,
        batchSize,
        learningRate,
        limit,
        resume,
        overrides);
  }
}
