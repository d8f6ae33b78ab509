package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.zoo.api.common.InvalidSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop with state a checkpoint can store: a running mean of squared gradients per parameter,
 * {@code s = rho s + (1 - rho) g^2}, and the step {@code w -= lr g / (sqrt(s) + eps)}. Written with
 * in-place NDArray operations, so it runs on every training engine (DJL's PyTorch engine has no
 * RMSprop update of its own).
 */
public final class RMSprop extends StatefulOptimizer {

  private final float rho;
  private final float epsilon;
  private final Map<String, NDArray> meanSquares = new HashMap<>();

  /**
   * Creates an optimizer whose state lives in {@code manager}.
   *
   * @param manager owns the state arrays; closing it frees them
   * @param learningRate step size
   * @param rho decay of the running mean of squared gradients
   * @param epsilon added to the root mean square before dividing
   */
  public RMSprop(NDManager manager, float learningRate, float rho, float epsilon) {
    super(manager, learningRate, "zoo-rmsprop/1", "RMSprop");
    if (!(rho >= 0 && rho < 1)) {
      throw new InvalidSettingException("RMSprop's decay must be in [0, 1), not " + rho + ".");
    }
    this.rho = rho;
    this.epsilon = epsilon;
  }

  /** RMSprop with decay 0.99 and epsilon 1e-8 (PyTorch's defaults). */
  public static RMSprop of(NDManager manager, float learningRate) {
    return new RMSprop(manager, learningRate, 0.99f, 1e-8f);
  }

  @Override
  List<Map<String, NDArray>> state() {
    return List.of(meanSquares);
  }

  @Override
  void update(String id, NDArray weight, NDArray grad) {
    NDArray meanSquare =
        meanSquares.computeIfAbsent(
            id, k -> manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
    try (NDArray squared = grad.square()) {
      meanSquare.muli(rho).addi(squared.muli(1 - rho));
    }
    try (NDArray root = meanSquare.sqrt()) {
      root.addi(epsilon);
      try (NDArray update = grad.div(root)) {
        weight.subi(update.muli(learningRate()));
      }
    }
    // PyTorch adds each backward pass to the stored gradient; start the next one from zero.
    grad.subi(grad);
  }
}
