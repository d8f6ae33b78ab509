package dev.zoo.api.model;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.train.OptimizerSettings;
import dev.zoo.api.train.ParameterGroup;
import dev.zoo.api.train.TrainingTask;
import java.util.List;
import java.util.Map;

/**
 * The common part of a training task for a model with one network: the model's manager, one
 * parameter group optimised as its hyper-parameters say (its state in {@code optimizer.state}), the
 * size of an epoch and its unit, and the model's checkpoint description. A family adds the step,
 * the evaluation and the data.
 *
 * @param <M> the model trained
 */
public abstract class SingleNetworkTask<M extends BaseModel<?>> implements TrainingTask {

  /** The model trained. */
  protected final M model;

  private final int trainSize;
  private final String unit;

  /**
   * A task that trains {@code model}'s only network.
   *
   * @param trainSize the number of examples of an epoch
   * @param unit the noun for one example in throughput figures, e.g. {@code images}
   */
  protected SingleNetworkTask(M model, int trainSize, String unit) {
    this.model = model;
    this.trainSize = trainSize;
    this.unit = unit;
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    return List.of(
        ParameterGroup.of(
            model.networks().get(0), OptimizerSettings.from(model.hyperparameters())));
  }

  @Override
  public int trainSize() {
    return trainSize;
  }

  @Override
  public String unit() {
    return unit;
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.checkpointInfo(epoch, metrics);
  }
}
