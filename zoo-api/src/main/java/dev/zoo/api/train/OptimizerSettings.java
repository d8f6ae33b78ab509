package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import java.util.Locale;

/**
 * How one network is optimised, read from hyper-parameters: the algorithm, its constants and the
 * learning-rate schedule. Names that a variant does not define take the defaults below.
 *
 * <table>
 *   <caption>Hyper-parameters read</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code optimizer}</td><td>{@code adam}, {@code adamw} or {@code rmsprop}</td>
 *       <td>{@code adam}</td></tr>
 *   <tr><td>{@code learning_rate}</td><td>peak step size, &gt; 0</td><td>required</td></tr>
 *   <tr><td>{@code beta1}, {@code beta2}</td><td>Adam's moment decays, in [0, 1)</td>
 *       <td>0.9, 0.999</td></tr>
 *   <tr><td>{@code weight_decay}</td><td>L2 penalty (Adam) or decoupled decay (AdamW), &ge; 0</td>
 *       <td>0</td></tr>
 *   <tr><td>{@code rho}</td><td>RMSprop's decay of the mean square, in [0, 1)</td>
 *       <td>0.99</td></tr>
 *   <tr><td>{@code schedule}</td><td>{@code constant} or {@code cosine} decay to zero</td>
 *       <td>{@code constant}</td></tr>
 *   <tr><td>{@code warmup_steps}</td><td>steps of linear warm-up from zero, &ge; 0</td>
 *       <td>0</td></tr>
 * </table>
 *
 * @param algorithm the update rule
 * @param learningRate the peak learning rate
 * @param beta1 decay of Adam's first moment
 * @param beta2 decay of Adam's second moment
 * @param weightDecay L2 penalty or decoupled weight decay
 * @param rho RMSprop's decay
 * @param schedule {@code constant} or {@code cosine}
 * @param warmupSteps steps of linear warm-up
 */
public record OptimizerSettings(
    Algorithm algorithm,
    double learningRate,
    double beta1,
    double beta2,
    double weightDecay,
    double rho,
    String schedule,
    long warmupSteps) {

  /** The update rules the zoo implements with saveable state. */
  public enum Algorithm {
    /** Adam (Kingma and Ba, 2015). */
    ADAM,
    /** AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, 2019). */
    ADAMW,
    /** RMSprop (Hinton, Lecture 6e of "Neural Networks for Machine Learning", 2012). */
    RMSPROP
  }

  /**
   * Checks the values.
   *
   * @throws InvalidSettingException when one is out of its range
   */
  public OptimizerSettings {
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new InvalidSettingException(
          "Learning rate must be a positive number, not " + learningRate + ".");
    }
    requireFraction("beta1", beta1);
    requireFraction("beta2", beta2);
    requireFraction("rho", rho);
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new InvalidSettingException(
          "Weight decay must be zero or a positive number, not " + weightDecay + ".");
    }
    if (algorithm == Algorithm.RMSPROP && weightDecay > 0) {
      throw new InvalidSettingException("RMSprop takes no weight decay; use adam or adamw.");
    }
    if (warmupSteps < 0) {
      throw new InvalidSettingException(
          "Warm-up steps must be zero or a positive number, not " + warmupSteps + ".");
    }
    Schedule.of(schedule, learningRate, 1, 0);
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidSettingException(name + " must be in [0, 1), not " + value + ".");
    }
  }

  /**
   * The settings that {@code hp} gives, with the defaults above for names it does not define.
   *
   * @throws InvalidSettingException for an unknown optimizer or a value out of range
   */
  public static OptimizerSettings from(Hyperparameters hp) {
    String name = hp.has("optimizer") ? hp.get("optimizer") : "adam";
    Algorithm algorithm;
    try {
      algorithm = Algorithm.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          "Unknown optimizer '" + name + "'; known: adam, adamw, rmsprop.", e);
    }
    return new OptimizerSettings(
        algorithm,
        hp.getDouble("learning_rate"),
        hp.has("beta1") ? hp.getDouble("beta1") : 0.9,
        hp.has("beta2") ? hp.getDouble("beta2") : 0.999,
        hp.has("weight_decay") ? hp.getDouble("weight_decay") : 0,
        hp.has("rho") ? hp.getDouble("rho") : 0.99,
        hp.has("schedule") ? hp.get("schedule") : "constant",
        hp.has("warmup_steps") ? hp.getInt("warmup_steps") : 0);
  }

  /** A new optimizer with these settings whose state lives in {@code manager}. */
  public Optimizer create(NDManager manager) {
    return switch (algorithm) {
      case ADAM, ADAMW -> new Adam(manager, this);
      case RMSPROP -> new RMSprop(manager, (float) learningRate, (float) rho, 1e-8f);
    };
  }

  /** The learning-rate schedule over a run of {@code totalSteps} steps. */
  public Schedule schedule(long totalSteps) {
    return Schedule.of(schedule, learningRate, totalSteps, warmupSteps);
  }
}
