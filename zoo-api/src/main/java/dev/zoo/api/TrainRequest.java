package dev.zoo.api;

import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.train.TrainingLoop;
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
 * @param overrides further hyper-parameters by name (including {@code steps})
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

  /**
   * Checks the values a user can get wrong, with one sentence per problem.
   *
   * @throws InvalidSettingException naming the first bad value
   */
  public TrainRequest {
    if (epochs != null && epochs <= 0) {
      throw new InvalidSettingException("Epochs must be a positive number, not " + epochs + ".");
    }
    if (batchSize != null && batchSize <= 0) {
      throw new InvalidSettingException(
          "Batch size must be a positive number, not " + batchSize + ".");
    }
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new InvalidSettingException(
          "Learning rate must be a positive number, not " + learningRate + ".");
    }
    if (limit != null && limit <= 0) {
      throw new InvalidSettingException("Limit must be a positive number, not " + limit + ".");
    }
    if (out == null) {
      throw new InvalidSettingException("An output directory is needed (--out DIR).");
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  /** A request for the default variant with its defaults, writing to {@code out}. */
  public static TrainRequest defaults(Path out) {
    return new TrainRequest(null, out, null, null, null, null, false, Map.of());
  }

  /** A copy with one more hyper-parameter override. */
  public TrainRequest with(String name, Object value) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.put(name, String.valueOf(value));
    return new TrainRequest(variant, out, epochs, batchSize, learningRate, limit, resume, all);
  }

  /** This request when it names its epochs, else a copy with {@code value} epochs. */
  public TrainRequest orEpochs(int value) {
    return epochs != null
        ? this
        : new TrainRequest(variant, out, value, batchSize, learningRate, limit, resume, overrides);
  }

  /** The first {@link #limit} images of {@code train}, or all of them when there is no limit. */
  public ImageSet limited(ImageSet train) {
    return limit == null ? train : train.first(limit);
  }

  /**
   * The variant's defaults (or a resumed run's settings) with this request's settings applied:
   * {@code epochs}, {@code batch_size}, {@code learning_rate}, {@code limit} where the variant has
   * it, and the named overrides. Epochs given without steps replace a budget in steps.
   *
   * @throws InvalidSettingException for an unknown name or a bad value
   */
  public Hyperparameters apply(Hyperparameters base) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (epochs != null) {
      all.put("epochs", epochs.toString());
      if (base.has("steps") && !all.containsKey("steps")) {
        all.put("steps", "0");
      }
    }
    if (batchSize != null) {
      all.put("batch_size", batchSize.toString());
    }
    if (learningRate != null) {
      all.put("learning_rate", learningRate.toString());
    }
    if (limit != null && base.has("limit")) {
      all.put("limit", limit.toString());
    }
    Hyperparameters result = base.with(all);
    TrainingLoop.checkSettings(result);
    return result;
  }
}
