package dev.zoo.api.train;

/**
 * A fit call's step and time budgets ({@link FitOptions#maxSteps}, {@link FitOptions#timeLimit}).
 */
final class StepBudget {

  private final long lastStep;
  private final long startNanos = System.nanoTime();
  private final long limitNanos;

  StepBudget(FitOptions options, long stepsDone) {
    this.lastStep = options.maxSteps() > 0 ? stepsDone + options.maxSteps() : Long.MAX_VALUE;
    this.limitNanos = options.timeLimit() == null ? -1 : options.timeLimit().toNanos();
  }

  /** Whether the run must stop after {@code stepsDone} steps. */
  boolean exhausted(long stepsDone) {
    return stepsDone >= lastStep
        || (limitNanos >= 0 && System.nanoTime() - startNanos >= limitNanos);
  }
}
