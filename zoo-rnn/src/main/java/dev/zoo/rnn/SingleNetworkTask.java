package dev.zoo.rnn;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.train.OptimizerSettings;
import dev.zoo.api.train.ParameterGroup;
import dev.zoo.api.train.TrainingTask;
import java.util.List;
import java.util.Map;

/**
 * The part of a {@link TrainingTask} that is the same for every model with one network: the model's
 * manager, one parameter group (the network in {@code model.params}, optimised as the model's
 * hyper-parameters say, its state in {@code optimizer.state}) and the model's checkpoint
 * description. A subclass adds the data, the step and the evaluation.
 */
abstract class SingleNetworkTask implements TrainingTask {

  private final BaseModel<?> model;
  private final Block network;

  /**
   * @param model the model being trained
   * @param network its only network, initialised in the model's manager
   */
  SingleNetworkTask(BaseModel<?> model, Block network) {
    this.model = model;
    this.network = network;
  }

  @Override
  public final NDManager manager() {
    return model.manager();
  }

  @Override
  public final List<ParameterGroup> parameterGroups() {
    return List.of(
        ParameterGroup.of(Network.of(network), OptimizerSettings.from(model.hyperparameters())));
  }

  @Override
  public final CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.checkpointInfo(epoch, metrics);
  }
}
