package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.common.CheckpointException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019: weight decay decoupled from
 * the gradient) with the zoo's own state — first and second moments and the step count — so that a
 * checkpoint stores it. The update itself is the engine's fused Adam kernel, called with the
 * bias-corrected learning rate {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)}.
 */
public final class Adam implements Optimizer {

  private final NDManager manager;
  private float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final boolean decoupled;
  private final Map<String, NDArray> means = new HashMap<>();
  private final Map<String, NDArray> variances = new HashMap<>();
  private long steps;

  /**
   * Creates an optimizer whose state lives in {@code manager}.
   *
   * @param manager owns the moment arrays; closing it frees them
   * @param learningRate step size
   * @param beta1 decay of the first moment
   * @param beta2 decay of the second moment
   * @param weightDecay L2 penalty (Adam) or decoupled decay (AdamW)
   * @param decoupled true for AdamW
   */
  public Adam(
      NDManager manager,
      float learningRate,
      float beta1,
      float beta2,
      float weightDecay,
      boolean decoupled) {
    this.manager = manager;
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = 1e-8f;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
  }

  /** Adam with the usual betas (0.9, 0.999) and no weight decay. */
  public static Adam of(NDManager manager, float learningRate) {
    return new Adam(manager, learningRate, 0.9f, 0.999f, 0f, false);
  }

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
    double coef1 = 1.0 - Math.pow(beta1, steps);
    double coef2 = 1.0 - Math.pow(beta2, steps);
    float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter parameter = pair.getValue();
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      NDArray grad = weight.getGradient();
      String id = pair.getKey();
      NDArray mean = means.computeIfAbsent(id, k -> state(weight));
      NDArray variance = variances.computeIfAbsent(id, k -> state(weight));
      weight
          .getNDArrayInternal()
          .adamUpdate(
              new NDList(weight, grad, mean, variance),
              new NDList(weight),
              learningRate,
              corrected,
              weightDecay,
              1f,
              -1f,
              beta1,
              beta2,
              epsilon,
              true,
              decoupled);
      grad.close();
    }
  }

  private NDArray state(NDArray weight) {
    NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    zeros.setName("adam_state");
    return zeros;
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    out.writeUTF("zoo-adam/1");
    out.writeLong(steps);
    out.writeInt(means.size());
    for (String id : means.keySet().stream().sorted().toList()) {
      out.writeUTF(id);
      writeArray(out, means.get(id));
      writeArray(out, variances.get(id));
    }
  }

  @Override
  public void load(DataInputStream in) throws IOException {
    if (!"zoo-adam/1".equals(in.readUTF())) {
      throw new CheckpointException("The optimizer state in the checkpoint is not Adam state.");
    }
    close();
    steps = in.readLong();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String id = in.readUTF();
      means.put(id, readArray(in));
      variances.put(id, readArray(in));
    }
  }

  private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
    byte[] bytes = array.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private NDArray readArray(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return manager.decode(bytes);
  }

  @Override
  public void close() {
    means.values().forEach(NDArray::close);
    variances.values().forEach(NDArray::close);
    means.clear();
    variances.clear();
  }
}
