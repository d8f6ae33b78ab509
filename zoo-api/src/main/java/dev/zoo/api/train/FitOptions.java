package dev.zoo.api.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a model's {@code fit} runs, beyond the model's hyper-parameters: who hears its progress,
 * whether it continues the checkpoint in the run directory, an optional budget, and the command
 * recorded in the checkpoint's provenance. Immutable; the {@code with} methods return copies.
 *
 * <pre>{@code
 * model.fit(train, test, runDir,
 *     FitOptions.defaults().withListener(new ConsoleProgress(System.err, true)).withResume(true));
 * }</pre>
 *
 * @param listener hears progress; {@link TrainingListener#logging()} by default
 * @param resume continue the checkpoint in the run directory instead of starting a new run
 * @param maxSteps stop after this many optimizer steps in this call (a checkpoint is written), 0
 *     for no limit
 * @param timeLimit stop after the step that passes this much wall time (a checkpoint is written),
 *     or null for no limit
 * @param command how the run was started, for the checkpoint's provenance
 * @param startFrom a checkpoint of the same family whose parameters a new run starts from (fine-
 *     tuning: those of the same name and shape are copied, the others, e.g. a classifier head for
 *     another label set, keep their fresh initialisation), or null to start from scratch
 */
public record FitOptions(
    TrainingListener listener,
    boolean resume,
    long maxSteps,
    Duration timeLimit,
    String command,
    Path startFrom) {

  /** Checks the values. */
  public FitOptions {
    Objects.requireNonNull(listener, "listener");
    if (maxSteps < 0) {
      throw new dev.zoo.api.common.InvalidSettingException(
          "The step budget must be zero or a positive number, not " + maxSteps + ".");
    }
    if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
      throw new dev.zoo.api.common.InvalidSettingException(
          "The time budget must be positive, not " + timeLimit + ".");
    }
  }

  /** Logging progress, a new run, no budget, and the Java command line as provenance. */
  public static FitOptions defaults() {
    return new FitOptions(
        TrainingListener.logging(),
        false,
        0,
        null,
        "java " + System.getProperty("sun.java.command", "(application)"),
        null);
  }

  /** A copy with another listener; {@link TrainingListener#NONE} for silence. */
  public FitOptions withListener(TrainingListener value) {
    return new FitOptions(value, resume, maxSteps, timeLimit, command, startFrom);
  }

  /** A copy that continues (or not) the checkpoint in the run directory. */
  public FitOptions withResume(boolean value) {
    return new FitOptions(listener, value, maxSteps, timeLimit, command, startFrom);
  }

  /** A copy that stops after {@code value} steps in this call (0: no limit). */
  public FitOptions withMaxSteps(long value) {
    return new FitOptions(listener, resume, value, timeLimit, command, startFrom);
  }

  /** A copy that stops once {@code value} of wall time has passed (null: no limit). */
  public FitOptions withTimeLimit(Duration value) {
    return new FitOptions(listener, resume, maxSteps, value, command, startFrom);
  }

  /**
   * A copy whose new run starts from the parameters of the checkpoint {@code value} (a run
   * directory or checkpoint folder of the same family), or from scratch when null; ignored when
   * resuming.
   */
  public FitOptions withStartFrom(Path value) {
    return new FitOptions(listener, resume, maxSteps, timeLimit, command, value);
  }

  /** A copy recording {@code value} as the command that started the run. */
  public FitOptions withCommand(String value) {
    return new FitOptions(listener, resume, maxSteps, timeLimit, value, startFrom);
  }
}
