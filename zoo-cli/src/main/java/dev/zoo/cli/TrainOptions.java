package dev.zoo.cli;

import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.pretrained.PretrainedModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The common options of {@code zoo train}, {@code zoo run} and {@code zoo bench}. */
final class TrainOptions {

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "The variant (default: the family's default; see 'zoo info FAMILY').")
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
      names = "--from",
      paramLabel = "MODEL|DIR",
      description =
          "Fine-tune: start from a pretrained model (zoo models) or a checkpoint of the same"
              + " family; parameters of another shape (a head for other labels) start fresh.")
  String from;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Train for N optimizer steps (batches) instead of whole epochs.")
  Integer steps;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "Set a hyper-parameter by name (repeatable; see 'zoo info FAMILY').")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * The checkpoint that {@code --from} names for {@code family}: a pretrained model's unpacked
   * folder, or the directory given; null without {@code --from}.
   *
   * @throws InvalidSettingException when a pretrained model of that name is another family's
   */
  Path startFrom(String family) {
    if (from == null) {
      return null;
    }
    PretrainedModels models = PretrainedModels.onClassPath();
    boolean named = models.all().stream().anyMatch(m -> m.name().equals(from));
    return named ? models.checkpoint(from, family) : Path.of(from);
  }

  /**
   * The request these options make, with {@code defaultOut} when {@code --out} is not given and the
   * family's own options ({@code familyValues}, by hyper-parameter name) over {@code --set}.
   *
   * @throws InvalidSettingException for a bad number
   */
  TrainRequest request(Path defaultOut, Map<String, String> familyValues) {
    if (steps != null && steps <= 0) {
      throw new InvalidSettingException("Steps must be a positive number, not " + steps + ".");
    }
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (steps != null) {
      all.put("steps", steps.toString());
    }
    all.putAll(familyValues);
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
}
