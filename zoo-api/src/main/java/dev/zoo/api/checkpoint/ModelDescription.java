package dev.zoo.api.checkpoint;

import ai.djl.engine.Engine;
import dev.zoo.api.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model is, independent of its training progress: family, variant, settings, input shape,
 * labels, the engine chosen for it and the seed. {@link #at} turns it into the {@link
 * CheckpointInfo} of a checkpoint written after some epochs.
 *
 * @param family the family name
 * @param variant the variant name
 * @param hyperparameters the settings
 * @param inputShape one input without the batch axis, e.g. [1, 28, 28]
 * @param labels class names, or empty
 * @param choice the engine and device, and why they were chosen
 * @param seed the seed of the model's run
 */
public record ModelDescription(
    String family,
    String variant,
    Hyperparameters hyperparameters,
    List<Integer> inputShape,
    List<String> labels,
    EngineChoice choice,
    long seed) {

  /** Copies the lists. */
  public ModelDescription {
    inputShape = List.copyOf(inputShape);
    labels = List.copyOf(labels);
  }

  /**
   * The checkpoint description after {@code epoch} epochs with the latest metrics and any
   * family-specific values, for a model running on {@code engine}.
   */
  public CheckpointInfo at(
      Engine engine, int epoch, Map<String, Double> metrics, Map<String, Object> extra) {
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
        Collections.unmodifiableMap(new LinkedHashMap<>(extra)),
        Map.of(),
        null);
  }
}
