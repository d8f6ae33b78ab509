package dev.zoo.api.train;

import dev.zoo.api.common.InvalidSettingException;
import java.util.Locale;

/**
 * A learning-rate schedule over a run's steps: {@code constant}, or {@code cosine} decay from the
 * base rate to zero, each with an optional linear warm-up.
 */
public final class Schedule {

  private final String kind;
  private final double base;
  private final long totalSteps;
  private final long warmupSteps;

  private Schedule(String kind, double base, long totalSteps, long warmupSteps) {
    this.kind = kind;
    this.base = base;
    this.totalSteps = Math.max(1, totalSteps);
    this.warmupSteps = Math.max(0, warmupSteps);
  }

  /**
   * A schedule by name.
   *
   * @param kind {@code constant} or {@code cosine}
   * @param base the peak learning rate
   * @param totalSteps the steps of the whole run
   * @param warmupSteps steps of linear warm-up from zero
   */
  public static Schedule of(String kind, double base, long totalSteps, long warmupSteps) {
    String k = kind.trim().toLowerCase(Locale.ROOT);
    if (!k.equals("constant") && !k.equals("cosine")) {
      throw new InvalidSettingException(
          "Unknown learning-rate schedule '" + kind + "'; known: constant, cosine.");
    }
    return new Schedule(k, base, totalSteps, warmupSteps);
  }

  /** The learning rate for step {@code step} (counting from 1). */
  public double at(long step) {
    if (step <= warmupSteps) {
      return base * step / (double) warmupSteps;
    }
    if (kind.equals("constant")) {
      return base;
    }
    double progress =
        Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
    return base * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
