package dev.zoo.api.checkpoint;

import ai.djl.engine.Engine;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model is, independent of its training progress: family, variant, settings, input shape,
 * labels, the engine chosen for it, the seed, family-specific values and where it came from. {@link
 * #at} turns it into the {@link CheckpointInfo} of a checkpoint written after some epochs.
 *
 * @param family the family name
 * @param variant the variant name
 * @param hyperparameters the settings
 * @param inputShape one input without the batch axis, e.g. [1, 28, 28]
 * @param labels class names, or empty
 * @param choice the engine and device, and why they were chosen
 * @param seed the seed of the model's run
 * @param extra family-specific values for {@code model.json} (e.g. the tokenizer's kind)
 * @param provenance the training data, command and versions, or null for an untrained model
 */
public record ModelDescription(
    String family,
    String variant,
    Hyperparameters hyperparameters,
    List<Integer> inputShape,
    List<String> labels,
    EngineChoice choice,
    long seed,
    Map<String, Object> extra,
    Provenance provenance) {

  /** Copies the collections. */
  public ModelDescription {
    inputShape = List.copyOf(inputShape);
    labels = List.copyOf(labels);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A description without family-specific values or provenance. */
  public static ModelDescription of(
      String family,
      String variant,
      Hyperparameters hyperparameters,
      List<Integer> inputShape,
      List<String> labels,
      EngineChoice choice,
      long seed) {
    return new ModelDescription(
        family, variant, hyperparameters, inputShape, labels, choice, seed, Map.of(), null);
  }

  /** A copy with family-specific values for {@code model.json}. */
  public ModelDescription withExtra(Map<String, Object> values) {
    return shapedBy(hyperparameters, inputShape, labels, values);
  }

  /** A copy with other hyper-parameters, e.g. a resumed run's. */
  public ModelDescription withHyperparameters(Hyperparameters value) {
    return shapedBy(value, inputShape, labels, extra);
  }

  /**
   * A copy with what training data determined: the settings, the input shape, the labels and
   * family-specific values.
   */
  public ModelDescription shapedBy(
      Hyperparameters settings,
      List<Integer> shape,
      List<String> classes,
      Map<String, Object> values) {
    return new ModelDescription(
        family, variant, settings, shape, classes, choice, seed, values, provenance);
  }

  /** A copy with the given provenance. */
  public ModelDescription withProvenance(Provenance value) {
    return new ModelDescription(
        family, variant, hyperparameters, inputShape, labels, choice, seed, extra, value);
  }

  /**
   * The checkpoint description after {@code epoch} epochs with the latest metrics, for a model
   * running on {@code engine}.
   */
  public CheckpointInfo at(Engine engine, int epoch, Map<String, Double> metrics) {
    return new CheckpointInfo(
        Checkpoint.FORMAT,
        family,
        variant,
        hyperparameters.asMap(),
        inputShape,
        labels,
        choice.backend().name(),
        engine.getVersion(),
        Engine.getDjlVersion(),
        choice.reason(),
        epoch,
        seed,
        new LinkedHashMap<>(metrics),
        extra,
        Map.of(),
        null,
        provenance);
  }
}
