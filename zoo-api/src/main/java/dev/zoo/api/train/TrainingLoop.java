package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.RunInUseException;
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

/**
 * The training template every family runs on. A {@link TrainingTask} says what is trained and how
 * one step goes; this class owns everything else: the {@link StepPlan}, a seeded shuffle per epoch
 * (epoch {@code e}'s order depends only on the seed and {@code e}), one native-memory scope per
 * step, an optimizer and learning-rate schedule per parameter group, progress for a {@link
 * TrainingListener}, {@code metrics.jsonl}, an atomic checkpoint after every epoch (and when a
 * budget stops the run) with the optimizers' state, resume from the step a checkpoint reached, a
 * lock on the run directory while it trains, and a stop with one clear sentence when the loss stops
 * being a number.
 *
 * <p>A run killed at any moment leaves its last committed checkpoint, or none before the first, and
 * a {@code metrics.jsonl} whose records beyond that checkpoint a resume drops; the resumed run
 * trains the same steps on the same batches as an uninterrupted one.
 */
public final class TrainingLoop {

  /** The checkpoint metric holding the optimizer steps taken so far. */
  public static final String STEPS = "steps";

  /**
   * The file in a run directory that a training run locks while it trains, so that a second run
   * into the same directory is refused with a {@link RunInUseException}. The lock is the operating
   * system's and ends with the process however it ends, so the file a killed run leaves behind
   * blocks nothing.
   */
  public static final String LOCK_FILE = RunLock.FILE;

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
   * the plan or of the options' budget. The run directory is locked meanwhile (see {@link
   * #LOCK_FILE}); what a killed run left unfinished there (a half-written checkpoint, metrics of an
   * epoch whose checkpoint was never committed) is removed before training goes on.
   *
   * @return what this call trained; no epochs when a resumed run was already complete
   * @throws RunInUseException when another live run trains into the same run directory
   * @throws CheckpointException when resuming from a checkpoint of another family or variant, or
   *     one that does not fit the model, or when a checkpoint cannot be written (the previous one
   *     stays intact)
   * @throws ZooException when the loss stops being a number (the last checkpoint stays intact)
   */
  public TrainingSummary run() {
    long start = System.nanoTime();
    checkRunDirectory(runDir, options.resume());
    CheckpointInfo identity = task.describe(0, Map.of());
    if (options.resume()) {
      // Refused before the lock file is made, so a refused resume leaves the directory as it was.
      resumable(identity);
    }
    createDirectory();
    try (RunLock lock = RunLock.acquire(runDir, listener)) {
      // Another run may have written into the directory before the lock was this one's.
      checkRunDirectory(runDir, options.resume());
      return run(options.resume() ? resumable(identity) : null, start);
    }
  }

  private Checkpoint resumable(CheckpointInfo identity) {
    Checkpoint checkpoint = Checkpoint.open(runDir, identity.family());
    if (!checkpoint.info().variant().equals(identity.variant())) {
      throw new CheckpointException(
          String.format(
              "Cannot resume: %s holds a %s model, not %s.",
              runDir, checkpoint.info().variant(), identity.variant()));
    }
    return checkpoint;
  }

  private TrainingSummary run(Checkpoint resumeFrom, long start) {
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
      }
      CheckpointWriter.removeUnfinished(runDir.resolve(Checkpoint.DIR));
      metricsLog.truncateAfter(resumeFrom == null ? 0 : plan.epochOf(stepsDone + 1) - 1);
      listener.started(plan, stepsDone);
      return train(groups, stepsDone, metricsLog, start);
    }
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private TrainingSummary train(
      Map<String, GroupState> groups, long stepsDone, MetricsLog metricsLog, long start) {
    List<EpochResult> results = new ArrayList<>();
    Path checkpoint = runDir.resolve(Checkpoint.DIR);
    int completed = plan.epochOf(stepsDone + 1) - 1;
    StepBudget budget = new StepBudget(options, stepsDone);
    Thread hook = interruptNotice();
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (int epoch = completed + 1; epoch <= plan.totalEpochs(); epoch++) {
        if (budget.exhausted(stepsDone)) {
          listener.notice(stoppedEarly(stepsDone));
          break;
        }
        EpochRun run =
            new EpochRun(task, plan, seed, listener, runDir, savedEpoch, epoch, groups, stepsDone);
        EpochResult result = run.train(budget);
        stepsDone = run.stepsDone();
        boolean whole = stepsDone == plan.stepsBefore(epoch) + plan.stepsIn(epoch);
        results.add(result);
        // The record first: a run killed before the checkpoint below is committed resumes from
        // the one before, and drops this record as it trains the epoch again.
        metricsLog.append(record(result, stepsDone, whole));
        savedEpoch = whole ? epoch : epoch - 1;
        checkpoint = save(groups, savedEpoch, result.metrics(), stepsDone);
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
      checkpoint.loadParameters(g.group().network(), task.manager());
      if (checkpoint.has(g.group().optimizerFile())) {
        try (DataInputStream in = checkpoint.open(g.group().optimizerFile())) {
          g.optimizer().load(in);
        } catch (IOException e) {
          throw new CheckpointException(
              "Checkpoint "
                  + checkpoint.dir()
                  + " is corrupted: "
                  + g.group().optimizerFile()
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
        writer.putParameters(g.group().network());
        writer.put(g.group().optimizerFile(), g.optimizer()::save);
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
}
