package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.common.ZooException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One epoch's steps of a {@link TrainingLoop}, from the step the run reached to the epoch's end or
 * the budget: the seeded shuffle, the engine's random source seeded per step, one native-memory
 * scope per step, the running figures and the stop on a loss that is not a number.
 */
final class EpochRun {

  private final TrainingTask task;
  private final StepPlan plan;
  private final long seed;
  private final TrainingListener listener;
  private final Path runDir;
  private final int savedEpoch;
  private final int epoch;
  private final Map<String, GroupState> groups;
  private long stepsDone;

  EpochRun(
      TrainingTask task,
      StepPlan plan,
      long seed,
      TrainingListener listener,
      Path runDir,
      int savedEpoch,
      int epoch,
      Map<String, GroupState> groups,
      long stepsDone) {
    this.task = task;
    this.plan = plan;
    this.seed = seed;
    this.listener = listener;
    this.runDir = runDir;
    this.savedEpoch = savedEpoch;
    this.epoch = epoch;
    this.groups = groups;
    this.stepsDone = stepsDone;
  }

  /** The steps of the whole run done so far. */
  long stepsDone() {
    return stepsDone;
  }

  /** Trains the epoch's remaining steps within {@code budget} and evaluates. */
  EpochResult train(StepBudget budget) {
    long epochStart = System.nanoTime();
    int n = task.trainSize();
    int[] order = shuffled(n, seed, epoch);
    int batchSize = plan.batchSize();
    int end = (int) Math.min(n, plan.stepsIn(epoch) * batchSize);
    int from = (int) ((stepsDone - plan.stepsBefore(epoch)) * batchSize);
    long total = end - from;
    Map<String, Double> sums = new LinkedHashMap<>();
    long seen = 0;
    long trainNanos = 0;
    for (; from < end && !budget.exhausted(stepsDone); from += batchSize) {
      int size = Math.min(batchSize, end - from);
      int[] indices = new int[size];
      System.arraycopy(order, from, indices, 0, size);
      long t0 = System.nanoTime();
      // The engine's own random source (dropout masks) starts again from the seed and the step's
      // number at every step, so a resumed run draws what the uninterrupted one would have.
      task.manager().getEngine().setRandomSeed(engineSeed(seed, stepsDone + 1));
      Map<String, Double> metrics;
      try (NDManager scope = task.manager().newSubManager()) {
        TrainingStep step = new TrainingStep(scope, indices, epoch, stepsDone + 1, seed, groups);
        metrics = task.trainStep(step).read();
      }
      trainNanos += System.nanoTime() - t0;
      stepsDone++;
      checkLoss(metrics.get("loss"), stepsDone);
      for (Map.Entry<String, Double> e : metrics.entrySet()) {
        sums.merge(e.getKey(), e.getValue() * size, Double::sum);
      }
      seen += size;
      listener.stepFinished(epoch, plan.totalEpochs(), seen, total, averages(sums, seen));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    averages(sums, seen).forEach((k, v) -> metrics.put("train_" + k, v));
    metrics.putAll(task.evaluate(epoch, runDir));
    double perSecond = seen * (double) task.unitsPerExample() / Math.max(trainNanos / 1e9, 1e-9);
    return new EpochResult(epoch, metrics, perSecond, (System.nanoTime() - epochStart) / 1e9);
  }

  private void checkLoss(Double loss, long step) {
    if (loss == null || !Double.isFinite(loss)) {
      throw new ZooException(
          String.format(
              Locale.ROOT,
              "Training stopped at epoch %d, step %d: the loss became %s; lower the learning"
                  + " rate or check the data%s.",
              epoch,
              step - plan.stepsBefore(epoch),
              loss,
              savedEpoch >= 0
                  ? " (the checkpoint of epoch " + savedEpoch + " in " + runDir + " is intact)"
                  : ""));
    }
  }

  private static Map<String, Double> averages(Map<String, Double> sums, long seen) {
    Map<String, Double> result = new LinkedHashMap<>();
    sums.forEach((k, v) -> result.put(k, v / Math.max(1, seen)));
    return result;
  }

  /**
   * The engine's seed for step {@code step} (from 1) of a run: depends only on the run's seed and
   * the step, and differs from the seed of {@link TrainingStep#random()}.
   */
  static int engineSeed(long seed, long step) {
    return (int) (((seed * 1_000_003L + step) * 0x9E3779B97F4A7C15L) >>> 32);
  }

  /** Epoch {@code epoch}'s order of the examples: depends only on the seed and the epoch. */
  static int[] shuffled(int n, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
