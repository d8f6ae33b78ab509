package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019: weight decay decoupled from
 * the gradient) with the zoo's own state — first and second moments and the step count — so that a
 * checkpoint stores it. The update itself is the engine's fused Adam kernel, called with the
 * bias-corrected learning rate {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)}.
 */
public final class Adam extends StatefulOptimizer {

  private static final float EPSILON = 1e-8f;

  private final float beta1;
  private final float beta2;
  private final float weightDecay;
  private final boolean decoupled;
  private final Map<String, NDArray> means = new HashMap<>();
  private final Map<String, NDArray> variances = new HashMap<>();
  private float corrected;

  /**
   * Creates an optimizer whose state lives in {@code manager}: AdamW when the settings' algorithm
   * is {@code ADAMW}, else Adam, with their learning rate, betas and weight decay (an L2 penalty
   * for Adam, decoupled decay for AdamW).
   *
   * @param manager owns the moment arrays; closing it frees them
   */
  public Adam(NDManager manager, OptimizerSettings settings) {
    super(manager, (float) settings.learningRate(), "zoo-adam/1", "Adam");
    this.beta1 = (float) settings.beta1();
    this.beta2 = (float) settings.beta2();
    this.weightDecay = (float) settings.weightDecay();
    this.decoupled = settings.algorithm() == OptimizerSettings.Algorithm.ADAMW;
  }

  /** Adam with the usual betas (0.9, 0.999) and no weight decay. */
  public static Adam of(NDManager manager, float learningRate) {
    return new Adam(
        manager,
        new OptimizerSettings(
            OptimizerSettings.Algorithm.ADAM, learningRate, 0.9, 0.999, 0, 0.99, "constant", 0));
  }

  @Override
  List<Map<String, NDArray>> state() {
    return List.of(means, variances);
  }

  @Override
  void beginStep(long step) {
    double coef1 = 1.0 - Math.pow(beta1, step);
    double coef2 = 1.0 - Math.pow(beta2, step);
    corrected = (float) (learningRate() * Math.sqrt(coef2) / coef1);
  }

  @Override
  void update(String id, NDArray weight, NDArray grad) {
    NDArray mean = means.computeIfAbsent(id, k -> state(weight));
    NDArray variance = variances.computeIfAbsent(id, k -> state(weight));
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, mean, variance),
            new NDList(weight),
            learningRate(),
            corrected,
            weightDecay,
            1f,
            -1f,
            beta1,
            beta2,
            EPSILON,
            true,
            decoupled);
  }

  private NDArray state(NDArray weight) {
    NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    zeros.setName("adam_state");
    return zeros;
  }
}
