package dev.zoo.api.bench;

import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingSummary;
import java.util.Map;

/**
 * Training throughput after warm-up, measured from a run's progress: a {@link TrainingListener}
 * that passes everything on to another one and times the steps. A step's time is the wall time
 * between its end and the end of the step before it in the same epoch, so the evaluation and
 * checkpoint between epochs are never counted; the first {@code warmUp} steps of the timer's life
 * are not counted either (when a run has no more steps than that, every step that can be timed
 * counts). The figure is examples a second; {@code zoo bench} and {@code zoo engines --tune} use
 * it.
 */
public final class StepTimer implements TrainingListener {

  /** The steps a benchmark leaves out as warm-up; the peers in {@code bench/peers/} do the same. */
  public static final int WARM_UP_STEPS = 10;

  private final TrainingListener inner;
  private final int warmUp;
  private int epoch = -1;
  private long lastDone;
  private long lastNanos;
  private long steps;
  private final Sums timed = new Sums();
  private final Sums all = new Sums();

  /** Examples, nanoseconds and steps summed over timed steps. */
  private static final class Sums {
    long examples;
    long nanos;
    long steps;

    void add(long examples, long nanos) {
      this.examples += examples;
      this.nanos += nanos;
      this.steps++;
    }
  }

  /**
   * A timer that passes every call on to {@code inner} and leaves out the first {@code warmUp}
   * steps.
   */
  public StepTimer(TrainingListener inner, int warmUp) {
    this.inner = inner;
    this.warmUp = warmUp;
  }

  /** Examples a second over the timed steps, or NaN when no step could be timed. */
  public double examplesPerSecond() {
    Sums sums = timed.steps > 0 ? timed : all;
    return sums.steps == 0 ? Double.NaN : sums.examples / (sums.nanos / 1e9);
  }

  /** The steps that {@link #examplesPerSecond()} counts. */
  public long timedSteps() {
    return timed.steps > 0 ? timed.steps : all.steps;
  }

  /** The examples that {@link #examplesPerSecond()} counts. */
  public long timedExamples() {
    return timed.steps > 0 ? timed.examples : all.examples;
  }

  @Override
  public void started(StepPlan plan, long stepsDone) {
    epoch = -1;
    inner.started(plan, stepsDone);
  }

  @Override
  public void stepFinished(
      int epoch, int epochs, long done, long total, Map<String, Double> running) {
    long now = System.nanoTime();
    steps++;
    if (epoch == this.epoch) {
      all.add(done - lastDone, now - lastNanos);
      if (steps > warmUp) {
        timed.add(done - lastDone, now - lastNanos);
      }
    }
    this.epoch = epoch;
    lastDone = done;
    lastNanos = now;
    inner.stepFinished(epoch, epochs, done, total, running);
  }

  @Override
  public void epochFinished(EpochResult result, int epochs, String unit) {
    epoch = -1;
    inner.epochFinished(result, epochs, unit);
  }

  @Override
  public void notice(String sentence) {
    inner.notice(sentence);
  }

  @Override
  public void finished(TrainingSummary summary) {
    inner.finished(summary);
  }
}
