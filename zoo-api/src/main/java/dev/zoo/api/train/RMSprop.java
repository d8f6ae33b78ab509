package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidSettingException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * RMSprop with state a checkpoint can store: a running mean of squared gradients per parameter,
 * {@code s = rho s + (1 - rho) g^2}, and the step {@code w -= lr g / (sqrt(s) + eps)}. Written with
 * in-place NDArray operations, so it runs on every training engine (DJL's PyTorch engine has no
 * RMSprop update of its own).
 */
public final class RMSprop implements Optimizer {

  private final NDManager manager;
  private float learningRate;
  private final float rho;
  private final float epsilon;
  private final Map<String, NDArray> meanSquares = new HashMap<>();
  private long steps;

  /**
   * Creates an optimizer whose state lives in {@code manager}.
   *
   * @param manager owns the state arrays; closing it frees them
   * @param learningRate step size
   * @param rho decay of the running mean of squared gradients
   * @param epsilon added to the root mean square before dividing
   */
  public RMSprop(NDManager manager, float learningRate, float rho, float epsilon) {
    if (!(rho >= 0 && rho < 1)) {
      throw new InvalidSettingException("RMSprop's decay must be in [0, 1), not " + rho + ".");
    }
    this.manager = manager;
    this.learningRate = learningRate;
    this.rho = rho;
    this.epsilon = epsilon;
  }

  /** RMSprop with decay 0.99 and epsilon 1e-8 (PyTorch's defaults). */
  public static RMSprop of(NDManager manager, float learningRate) {
    return new RMSprop(manager, learningRate, 0.99f, 1e-8f);
  }

  @Override
  public void setLearningRate(float learningRate) {
    this.learningRate = learningRate;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public void step(Block block) {
    steps++;
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter parameter = pair.getValue();
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      NDArray grad = weight.getGradient();
      NDArray meanSquare =
          meanSquares.computeIfAbsent(
              pair.getKey(),
              k -> manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
      try (NDArray squared = grad.square()) {
        meanSquare.muli(rho).addi(squared.muli(1 - rho));
      }
      try (NDArray root = meanSquare.sqrt()) {
        root.addi(epsilon);
        try (NDArray update = grad.div(root)) {
          weight.subi(update.muli(learningRate));
        }
      }
      // PyTorch adds each backward pass to the stored gradient; start the next one from zero.
      grad.subi(grad);
      grad.close();
    }
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeUTF("zoo-rmsprop/1");
    out.writeLong(steps);
    out.writeInt(meanSquares.size());
    for (String id : meanSquares.keySet().stream().sorted().toList()) {
      out.writeUTF(id);
      byte[] bytes = meanSquares.get(id).encode();
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    if (!"zoo-rmsprop/1".equals(in.readUTF())) {
      throw new CheckpointException("The optimizer state in the checkpoint is not RMSprop state.");
    }
    close();
    steps = in.readLong();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String id = in.readUTF();
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      meanSquares.put(id, manager.decode(bytes));
    }
  }

  @Override
  public void close() {
    meanSquares.values().forEach(NDArray::close);
    meanSquares.clear();
  }
}
