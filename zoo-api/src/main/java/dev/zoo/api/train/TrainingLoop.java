package dev.zoo.api.train;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.Hyperparameters;
import dev.zoo.api.ZooException;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The shared training runtime: seeded shuffling, batches in their own native-memory scope, a
 * progress bar, per-epoch evaluation, {@code metrics.jsonl}, an atomic checkpoint after every
 * epoch, resume, and a stop with a clear message when the loss stops being a number.
 */
public final class TrainingLoop {

  /** The checkpoint metric holding the optimizer steps taken so far. */
  public static final String STEPS = "steps";

  private final TrainingTask task;
  private int epochs;
  private final int steps;
  private long stepsDone;
  private final int batchSize;
  private final long seed;
  private final Path runDir;
  private final PrintStream log;
  private final boolean interactive;

  private TrainingLoop(Builder b) {
    this.task = b.task;
    this.epochs = b.epochs;
    this.steps = b.steps;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.runDir = b.runDir;
    this.log = b.log;
    this.interactive = b.interactive;
  }

  /** Starts a builder for training {@code task}. */
  public static Builder builder(TrainingTask task) {
    return new Builder(task);
  }

  /**
   * Refuses training settings a run cannot use — epochs or a batch size below one, a learning rate
   * that is not a positive number — whichever way they were set ({@code --epochs}, {@code --set},
   * an app's builder), before any buffer is sized by them. Names absent from {@code hp} are
   * skipped.
   */
  public static void checkSettings(Hyperparameters hp) {
    if (hp.has("epochs") && hp.getInt("epochs") <= 0) {
      throw new ZooException("Epochs must be a positive number, not " + hp.getInt("epochs") + ".");
    }
    if (hp.has("batch_size") && hp.getInt("batch_size") <= 0) {
      throw new ZooException(
          "Batch size must be a positive number, not " + hp.getInt("batch_size") + ".");
    }
    if (hp.has("steps") && hp.getInt("steps") < 0) {
      throw new ZooException("Steps must be a positive number, not " + hp.getInt("steps") + ".");
    }
    if (hp.has("learning_rate")) {
      double lr = hp.getDouble("learning_rate");
      if (!(lr > 0 && Double.isFinite(lr))) {
        throw new ZooException("Learning rate must be a positive number, not " + lr + ".");
      }
    }
  }

  /**
   * Checks that {@code runDir} can hold a new run (or, with {@code resume}, has one to continue),
   * before any model is built. A directory that already holds a checkpoint is never overwritten by
   * a fresh run.
   */
  public static void checkRunDirectory(Path runDir, boolean resume) {
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw new ZooException("Output directory " + runDir + " is a file, not a directory.");
    }
    boolean has = Files.isDirectory(runDir) && Checkpoint.exists(runDir);
    if (resume && !has) {
      throw new ZooException("Cannot resume: " + runDir + " holds no checkpoint.");
    }
    if (!resume && has) {
      throw new ZooException(
          "Output directory "
              + runDir
              + " already holds a checkpoint; "
              + "continue it with --resume or choose another --out.");
    }
  }

  /**
   * Trains from the checkpoint's epoch (0 for a new run) up to the configured number of epochs.
   *
   * @param resumeFrom a verified checkpoint to continue, or null
   */
  public TrainingSummary run(Checkpoint resumeFrom) {
    long start = System.nanoTime();
    int firstEpoch = 1;
    try {
      Files.createDirectories(runDir);
    } catch (java.io.IOException e) {
      throw new ZooException(
          "Cannot create output directory " + runDir + ": " + e.getMessage() + ".", e);
    }
    MetricsLog metricsLog = new MetricsLog(runDir);
    if (resumeFrom != null) {
      task.restore(resumeFrom);
      firstEpoch = resumeFrom.info().epoch() + 1;
      Double done = resumeFrom.info().metrics().get(STEPS);
      stepsDone =
          done != null
              ? done.longValue()
              : (long) resumeFrom.info().epoch() * stepsPerEpoch(task.trainSize(), batchSize);
      metricsLog.truncateAfter(resumeFrom.info().epoch());
    }
    if (steps > 0) {
      epochs =
          firstEpoch - 1 + epochsFor(Math.max(0, steps - stepsDone), task.trainSize(), batchSize);
    }
    if (resumeFrom != null) {
      log.printf(
          "Resuming %s from epoch %d of %d%s.%n",
          runDir,
          resumeFrom.info().epoch(),
          epochs,
          steps > 0 ? " (step " + stepsDone + " of " + steps + ")" : "");
    }
    List<EpochResult> results = new ArrayList<>();
    Path checkpoint = runDir.resolve(Checkpoint.DIR);
    Thread hook = interruptNotice();
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
        EpochResult result = trainEpoch(epoch);
        results.add(result);
        Map<String, Double> described = new LinkedHashMap<>(result.metrics());
        described.put(STEPS, (double) stepsDone);
        try (CheckpointWriter writer = CheckpointWriter.begin(runDir.resolve(Checkpoint.DIR))) {
          task.save(writer);
          checkpoint = writer.commit(task.describe(epoch, described));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", epoch);
        record.putAll(result.metrics());
        record.put(task.unit() + "_per_s", round(result.examplesPerSecond()));
        record.put("seconds", round(result.seconds()));
        metricsLog.append(record);
        log.println(epochLine(result));
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook runs and says how to resume.
      }
    }
    return new TrainingSummary(
        results,
        Math.max(epochs, firstEpoch - 1),
        checkpoint,
        runDir,
        (System.nanoTime() - start) / 1e9);
  }

  private EpochResult trainEpoch(int epoch) {
    long epochStart = System.nanoTime();
    int n = task.trainSize();
    int[] order = shuffled(n, new Random(seed * 1_000_003L + epoch));
    int end = n;
    if (steps > 0) {
      end = (int) Math.min(n, (steps - stepsDone) * batchSize);
    }
    ProgressBar bar =
        new ProgressBar(log, interactive, String.format("Epoch %d/%d", epoch, epochs), end);
    Map<String, Double> sums = new LinkedHashMap<>();
    long seen = 0;
    long trainNanos = 0;
    int step = 0;
    for (int from = 0; from < end; from += batchSize) {
      int size = Math.min(batchSize, end - from);
      int[] indices = new int[size];
      System.arraycopy(order, from, indices, 0, size);
      long t0 = System.nanoTime();
      Map<String, Double> batchMetrics;
      try (NDManager batch = task.manager().newSubManager()) {
        batchMetrics = task.trainBatch(batch, indices);
      }
      trainNanos += System.nanoTime() - t0;
      step++;
      stepsDone++;
      Double loss = batchMetrics.get("loss");
      if (loss == null || !Double.isFinite(loss)) {
        bar.finish();
        throw new ZooException(
            String.format(
                Locale.ROOT,
                "Training stopped at epoch %d, step %d: the loss became %s; lower the learning rate "
                    + "or check the data%s.",
                epoch,
                step,
                loss,
                epoch > 1
                    ? " (the checkpoint of epoch " + (epoch - 1) + " in " + runDir + " is intact)"
                    : ""));
      }
      for (Map.Entry<String, Double> e : batchMetrics.entrySet()) {
        sums.merge(e.getKey(), e.getValue() * size, Double::sum);
      }
      seen += size;
      bar.update(seen, String.format(Locale.ROOT, "loss %.4f", sums.get("loss") / seen));
    }
    bar.finish();
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : sums.entrySet()) {
      metrics.put("train_" + e.getKey(), e.getValue() / Math.max(1, seen));
    }
    metrics.putAll(task.evaluate(epoch, runDir));
    double perSecond = seen * (double) task.unitsPerExample() / Math.max(trainNanos / 1e9, 1e-9);
    return new EpochResult(epoch, metrics, perSecond, (System.nanoTime() - epochStart) / 1e9);
  }

  private String epochLine(EpochResult r) {
    StringBuilder sb = new StringBuilder(String.format("Epoch %d/%d", r.epoch(), epochs));
    r.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
    sb.append(
        String.format(
            Locale.ROOT, "  %,.0f %s/s  %.1f s", r.examplesPerSecond(), task.unit(), r.seconds()));
    return sb.toString();
  }

  private Thread interruptNotice() {
    return new Thread(
        () -> {
          log.println();
          log.println(
              "Interrupted. The checkpoint of the last completed epoch in "
                  + runDir
                  + " is intact; continue with --resume --out "
                  + runDir
                  + ".");
        },
        "zoo-interrupt-notice");
  }

  private static int stepsPerEpoch(int n, int batchSize) {
    return (n + batchSize - 1) / batchSize;
  }

  private static int epochsFor(long steps, int n, int batchSize) {
    if (n <= 0) {
      throw new ZooException("There is nothing to train on: the training set is empty.");
    }
    return (int) ((steps + stepsPerEpoch(n, batchSize) - 1) / stepsPerEpoch(n, batchSize));
  }

  static int[] shuffled(int n, Random random) {
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

  /** Builds a {@link TrainingLoop}. */
  public static final class Builder {
    private final TrainingTask task;
    private int epochs = 1;
    private int steps;
    private int batchSize = 128;
    private long seed = 42;
    private Path runDir;
    private PrintStream log = System.err;
    private boolean interactive;

    private Builder(TrainingTask task) {
      this.task = task;
    }

    /** Total epochs, counting those before a resume. */
    public Builder epochs(int epochs) {
      if (epochs <= 0) {
        throw new ZooException("Epochs must be a positive number, not " + epochs + ".");
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * Total optimizer steps (batches), counting those before a resume; replaces {@link #epochs}
     * when positive. The last epoch stops early when the steps run out; 0 keeps epochs.
     */
    public Builder steps(int steps) {
      if (steps < 0) {
        throw new ZooException("Steps must be a positive number, not " + steps + ".");
      }
      this.steps = steps;
      return this;
    }

    /** Examples per step. */
    public Builder batchSize(int batchSize) {
      if (batchSize <= 0) {
        throw new ZooException("Batch size must be a positive number, not " + batchSize + ".");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The seed of the shuffling. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The run directory. */
    public Builder runDir(Path runDir) {
      this.runDir = runDir;
      return this;
    }

    /** Where progress goes. */
    public Builder log(PrintStream log) {
      this.log = log;
      return this;
    }

    /** Whether progress redraws one line. */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
      return this;
    }

    /** Builds the loop. */
    public TrainingLoop build() {
      if (runDir == null) {
        throw new ZooException("An output directory is needed (--out DIR).");
      }
      return new TrainingLoop(this);
    }
  }
}
