package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The training template every family runs on. A {@link TrainingTask} says what is trained and how
 * one step goes; this class owns everything else: the {@link StepPlan}, a seeded shuffle per epoch
 * (epoch {@code e}'s order depends only on the seed and {@code e}), one native-memory scope per
 * step, an optimizer and learning-rate schedule per parameter group, progress for a {@link
 * TrainingListener}, {@code metrics.jsonl}, an atomic checkpoint after every epoch (and when a
 * budget stops the run) with the optimizers' state, resume from the step a checkpoint reached, and
 * a stop with one clear sentence when the loss stops being a number.
 */
public final class TrainingLoop {

  /** The checkpoint metric holding the optimizer steps taken so far. */
  public static final String STEPS = "steps";

  private final TrainingTask task;
  private final StepPlan plan;
  private final long seed;
  private final Path runDir;
  private final FitOptions options;
  private final TrainingListener listener;
  private int savedEpoch = -1;

  /**
   * @param task what to train
   * @param plan the budget in steps and epochs
   * @param seed the seed of the shuffling and of {@link TrainingStep#random()}
   * @param runDir the run directory: checkpoint, {@code metrics.jsonl}, pictures
   * @param options listener, resume and budget
   */
  public TrainingLoop(
      TrainingTask task, StepPlan plan, long seed, Path runDir, FitOptions options) {
    this.task = task;
    this.plan = plan;
    this.seed = seed;
    this.runDir = runDir;
    this.options = options;
    this.listener = options.listener();
  }

  /**
   * Refuses training settings a run cannot use — epochs or a batch size below one, negative steps,
   * a learning rate that is not a positive number — whichever way they were set, before any buffer
   * is sized by them. Names absent from {@code hp} are skipped.
   *
   * @throws InvalidSettingException naming the first bad value
   */
  public static void checkSettings(Hyperparameters hp) {
    if (hp.has("epochs") && hp.getInt("epochs") <= 0) {
      throw new InvalidSettingException(
          "Epochs must be a positive number, not " + hp.getInt("epochs") + ".");
    }
    if (hp.has("batch_size") && hp.getInt("batch_size") <= 0) {
      throw new InvalidSettingException(
          "Batch size must be a positive number, not " + hp.getInt("batch_size") + ".");
    }
    if (hp.has("steps") && hp.getInt("steps") < 0) {
      throw new InvalidSettingException(
          "Steps must be a positive number, not " + hp.getInt("steps") + ".");
    }
    if (hp.has("learning_rate")) {
      OptimizerSettings.from(hp);
    }
  }

  /**
   * Checks that {@code runDir} can hold a new run (or, with {@code resume}, has one to continue),
   * before any model is built. A directory that already holds a checkpoint is never overwritten by
   * a fresh run.
   *
   * @throws InvalidSettingException when {@code runDir} is a file or already holds a checkpoint
   * @throws CheckpointException when resuming and there is no checkpoint
   */
  public static void checkRunDirectory(Path runDir, boolean resume) {
    if (runDir == null) {
      throw new InvalidSettingException("An output directory is needed (--out DIR).");
    }
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw new InvalidSettingException(
          "Output directory " + runDir + " is a file, not a directory.");
    }
    boolean has = Files.isDirectory(runDir) && Checkpoint.exists(runDir);
    if (resume && !has) {
      throw new CheckpointException("Cannot resume: " + runDir + " holds no checkpoint.");
    }
    if (!resume && has) {
      throw new InvalidSettingException(
          "Output directory "
              + runDir
              + " already holds a checkpoint; "
              + "continue it with --resume or choose another --out.");
    }
  }

  /**
   * Trains from the start, or from the checkpoint in the run directory when resuming, to the end of
   * the plan or of the options' budget.
   *
   * @return what this call trained; no epochs when a resumed run was already complete
   * @throws CheckpointException when resuming from a checkpoint of another family or variant, or
   *     one that does not fit the model
   * @throws ZooException when the loss stops being a number (the last checkpoint stays intact)
   */
  public TrainingSummary run() {
    long start = System.nanoTime();
    checkRunDirectory(runDir, options.resume());
    CheckpointInfo identity = task.describe(0, Map.of());
    Checkpoint resumeFrom = options.resume() ? Checkpoint.open(runDir, identity.family()) : null;
    if (resumeFrom != null && !resumeFrom.info().variant().equals(identity.variant())) {
      throw new CheckpointException(
          String.format(
              "Cannot resume: %s holds a %s model, not %s.",
              runDir, resumeFrom.info().variant(), identity.variant()));
    }
    createDirectory();
    MetricsLog metricsLog = new MetricsLog(runDir);
    try (NDManager optimizerScope = task.manager().newSubManager()) {
      Map<String, GroupState> groups = new LinkedHashMap<>();
      for (ParameterGroup group : task.parameterGroups()) {
        groups.put(group.name(), new GroupState(group, optimizerScope, plan.totalSteps()));
      }
      long stepsDone = 0;
      if (resumeFrom != null) {
        stepsDone = restore(resumeFrom, groups);
        if (stepsDone >= plan.totalSteps()) {
          listener.notice(
              String.format(
                  Locale.ROOT,
                  "Run %s is complete: it has trained %d of %d steps (%d epochs); nothing to do.",
                  runDir,
                  stepsDone,
                  plan.totalSteps(),
                  plan.totalEpochs()));
          return new TrainingSummary(
              List.of(), resumeFrom.info().epoch(), resumeFrom.dir(), runDir, 0);
        }
        listener.notice(
            String.format(
                Locale.ROOT,
                "Resuming %s from epoch %d of %d (step %d of %d).",
                runDir,
                resumeFrom.info().epoch(),
                plan.totalEpochs(),
                stepsDone,
                plan.totalSteps()));
        savedEpoch = resumeFrom.info().epoch();
        metricsLog.truncateAfter(plan.epochOf(stepsDone + 1) - 1);
      }
      listener.started(plan, stepsDone);
      return train(groups, stepsDone, metricsLog, start);
    }
  }

  private TrainingSummary train(
      Map<String, GroupState> groups, long stepsDone, MetricsLog metricsLog, long start) {
    List<EpochResult> results = new ArrayList<>();
    Path checkpoint = runDir.resolve(Checkpoint.DIR);
    int completed = plan.epochOf(stepsDone + 1) - 1;
    Budget budget = new Budget(options, stepsDone);
    Thread hook = interruptNotice();
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (int epoch = completed + 1; epoch <= plan.totalEpochs(); epoch++) {
        if (budget.exhausted(stepsDone)) {
          listener.notice(stoppedEarly(stepsDone));
          break;
        }
        EpochRun run = new EpochRun(epoch, groups, stepsDone, budget);
        EpochResult result = run.train();
        stepsDone = run.stepsDone();
        boolean whole = stepsDone == plan.stepsBefore(epoch) + plan.stepsIn(epoch);
        results.add(result);
        savedEpoch = whole ? epoch : epoch - 1;
        checkpoint = save(groups, savedEpoch, result.metrics(), stepsDone);
        metricsLog.append(record(result, stepsDone, whole));
        listener.epochFinished(result, plan.totalEpochs(), task.unit());
        if (!whole) {
          listener.notice(stoppedEarly(stepsDone));
          break;
        }
      }
    } finally {
      removeHook(hook);
    }
    TrainingSummary summary =
        new TrainingSummary(
            results,
            plan.completedEpochs(stepsDone),
            checkpoint,
            runDir,
            (System.nanoTime() - start) / 1e9);
    listener.finished(summary);
    return summary;
  }

  private String stoppedEarly(long stepsDone) {
    return String.format(
        Locale.ROOT,
        "Stopped at step %d of %d, at the budget of this call; continue with --resume.",
        stepsDone,
        plan.totalSteps());
  }

  private long restore(Checkpoint checkpoint, Map<String, GroupState> groups) {
    for (GroupState g : groups.values()) {
      checkpoint.loadParameters(g.group.network(), task.manager());
      if (checkpoint.has(g.group.optimizerFile())) {
        try (DataInputStream in = checkpoint.open(g.group.optimizerFile())) {
          g.optimizer.load(in);
        } catch (IOException e) {
          throw new CheckpointException(
              "Checkpoint "
                  + checkpoint.dir()
                  + " is corrupted: "
                  + g.group.optimizerFile()
                  + " cannot be read ("
                  + e.getMessage()
                  + ").",
              e);
        }
      }
    }
    task.restoreState(checkpoint);
    Double steps = checkpoint.info().metrics().get(STEPS);
    return steps != null
        ? steps.longValue()
        : Math.min(plan.totalSteps(), checkpoint.info().epoch() * plan.stepsPerEpoch());
  }

  private Path save(
      Map<String, GroupState> groups, int epoch, Map<String, Double> metrics, long stepsDone) {
    Map<String, Double> described = new LinkedHashMap<>(metrics);
    described.put(STEPS, (double) stepsDone);
    try (CheckpointWriter writer = CheckpointWriter.begin(runDir.resolve(Checkpoint.DIR))) {
      for (GroupState g : groups.values()) {
        writer.putParameters(g.group.network());
        writer.put(g.group.optimizerFile(), g.optimizer::save);
      }
      task.saveState(writer);
      return writer.commit(task.describe(epoch, described));
    }
  }

  private Map<String, Object> record(EpochResult result, long stepsDone, boolean whole) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("epoch", result.epoch());
    if (!whole) {
      record.put("partial", true);
    }
    record.put(STEPS, stepsDone);
    record.putAll(result.metrics());
    record.put(task.unit() + "_per_s", round(result.examplesPerSecond()));
    record.put("seconds", round(result.seconds()));
    return record;
  }

  private void createDirectory() {
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new InvalidSettingException(
          "Cannot create output directory " + runDir + ": " + e.getMessage() + ".", e);
    }
  }

  private Thread interruptNotice() {
    return new Thread(
        () ->
            listener.notice(
                "Interrupted. The checkpoint of the last completed epoch in "
                    + runDir
                    + " is intact; continue with --resume --out "
                    + runDir
                    + "."),
        "zoo-interrupt-notice");
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs and says how to resume.
    }
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

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** One epoch's steps, from the step the run reached to the epoch's end or the budget. */
  private final class EpochRun {
    private final int epoch;
    private final Map<String, GroupState> groups;
    private final Budget budget;
    private long stepsDone;

    EpochRun(int epoch, Map<String, GroupState> groups, long stepsDone, Budget budget) {
      this.epoch = epoch;
      this.groups = groups;
      this.stepsDone = stepsDone;
      this.budget = budget;
    }

    long stepsDone() {
      return stepsDone;
    }

    EpochResult train() {
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
  }

  private static Map<String, Double> averages(Map<String, Double> sums, long seen) {
    Map<String, Double> result = new LinkedHashMap<>();
    sums.forEach((k, v) -> result.put(k, v / Math.max(1, seen)));
    return result;
  }

  /** The options' step and time budgets for this call. */
  private static final class Budget {
    private final long lastStep;
    private final long startNanos = System.nanoTime();
    private final long limitNanos;

    Budget(FitOptions options, long stepsDone) {
      this.lastStep = options.maxSteps() > 0 ? stepsDone + options.maxSteps() : Long.MAX_VALUE;
      this.limitNanos = options.timeLimit() == null ? -1 : options.timeLimit().toNanos();
    }

    boolean exhausted(long stepsDone) {
      return stepsDone >= lastStep
          || (limitNanos >= 0 && System.nanoTime() - startNanos >= limitNanos);
    }
  }

  /** A parameter group's optimizer and learning-rate schedule during a run. */
  static final class GroupState {
    private final ParameterGroup group;
    private final Optimizer optimizer;
    private final Schedule schedule;

    GroupState(ParameterGroup group, NDManager scope, long totalSteps) {
      this.group = group;
      this.optimizer = group.optimizer().create(scope);
      this.schedule = group.optimizer().schedule(totalSteps);
    }

    void update() {
      optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
      optimizer.step(group.network().block());
    }
  }
}
