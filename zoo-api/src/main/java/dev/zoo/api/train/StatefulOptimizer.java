package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.common.CheckpointException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the zoo's optimizers share: the learning rate, the step count, the loop over a block's
 * trainable parameters, and the state file. The file holds a format tag, the step count, the number
 * of parameters, then for each parameter (by name, sorted) its name and one encoded array per kind
 * of state (e.g. Adam's first and second moments).
 */
abstract class StatefulOptimizer implements Optimizer {

  /** Owns the state arrays. */
  protected final NDManager manager;

  private final String format;
  private final String name;
  private float learningRate;
  private long steps;

  /**
   * @param format the tag the state file starts with, e.g. {@code zoo-adam/1}
   * @param name the optimizer for messages, e.g. {@code Adam}
   */
  StatefulOptimizer(NDManager manager, float learningRate, String format, String name) {
    this.manager = manager;
    this.learningRate = learningRate;
    this.format = format;
    this.name = name;
  }

  /** The kinds of state, each a map from parameter name to its array. */
  abstract List<Map<String, NDArray>> state();

  /** Called once per step before the parameters are updated, with the step's number from 1. */
  void beginStep(long step) {}

  /** Updates one trainable parameter {@code weight}, named {@code id}, from its {@code grad}. */
  abstract void update(String id, NDArray weight, NDArray grad);

  @Override
  public void setLearningRate(float learningRate) {
    this.learningRate = learningRate;
  }

  /** The current learning rate. */
  public float learningRate() {
    return learningRate;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public void step(Block block) {
    steps++;
    beginStep(steps);
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter parameter = pair.getValue();
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      NDArray grad = weight.getGradient();
      update(pair.getKey(), weight, grad);
      grad.close();
    }
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    List<Map<String, NDArray>> kinds = state();
    out.writeUTF(format);
    out.writeLong(steps);
    Map<String, NDArray> first = kinds.get(0);
    out.writeInt(first.size());
    for (String id : first.keySet().stream().sorted().toList()) {
      out.writeUTF(id);
      for (Map<String, NDArray> kind : kinds) {
        byte[] bytes = kind.get(id).encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    if (!format.equals(in.readUTF())) {
      throw new CheckpointException(
          "The optimizer state in the checkpoint is not " + name + " state.");
    }
    close();
    steps = in.readLong();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String id = in.readUTF();
      for (Map<String, NDArray> kind : state()) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        kind.put(id, manager.decode(bytes));
      }
    }
  }

  @Override
  public void close() {
    for (Map<String, NDArray> kind : state()) {
      kind.values().forEach(NDArray::close);
      kind.clear();
    }
  }
}
