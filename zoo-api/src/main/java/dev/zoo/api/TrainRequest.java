package dev.zoo.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to train: the variant, where to write the run, how long, and hyper-parameter overrides. Null
 * fields take the variant's defaults.
 *
 * @param variant the variant name, or null for the family's default
 * @param out the run directory (checkpoint, metrics, images)
 * @param epochs passes over the training data, or null
 * @param batchSize examples per step, or null
 * @param learningRate the optimizer's learning rate, or null
 * @param limit use at most this many training examples, or null for all
 * @param resume continue from the checkpoint in {@code out}
 * @param overrides further hyper-parameters by name
 */
public record TrainRequest(
    String variant,
    Path out,
    Integer epochs,
    Integer batchSize,
    Double learningRate,
    Integer limit,
    boolean resume,
    Map<String, String> overrides) {

  /** Checks the values a user can get wrong, with one sentence per problem. */
  public TrainRequest {
    if (epochs != null && epochs <= 0) {
      throw new ZooException("Epochs must be a positive number, not " + epochs + ".");
    }
    if (batchSize != null && batchSize <= 0) {
      throw new ZooException("Batch size must be a positive number, not " + batchSize + ".");
    }
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new ZooException("Learning rate must be a positive number, not " + learningRate + ".");
    }
    if (limit != null && limit <= 0) {
      throw new ZooException("Limit must be a positive number, not " + limit + ".");
    }
    if (out == null) {
      throw new ZooException("An output directory is needed (--out DIR).");
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  /** A request for the default variant with its defaults, writing to {@code out}. */
  public static TrainRequest defaults(Path out) {
    return new TrainRequest(null, out, null, null, null, null, false, Map.of());
  }

  /**
   * The variant's defaults with this request's settings applied: {@code epochs}, {@code
   * batch_size}, {@code learning_rate} and the named overrides.
   */
  public Hyperparameters apply(Hyperparameters defaults) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (epochs != null) {
      all.put("epochs", epochs.toString());
    }
    if (batchSize != null) {
      all.put("batch_size", batchSize.toString());
    }
    if (learningRate != null) {
      all.put("learning_rate", learningRate.toString());
    }
    Hyperparameters result = defaults.with(all);
    dev.zoo.api.train.TrainingLoop.checkSettings(result);
    return result;
  }
}
