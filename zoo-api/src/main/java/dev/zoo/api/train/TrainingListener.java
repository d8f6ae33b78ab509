package dev.zoo.api.train;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears a training run's progress: a command line draws a progress bar ({@link ConsoleProgress}),
 * an application may update its own display, log ({@link #logging()}) or ignore it ({@link #NONE}).
 * Every method has an empty default; the calls come from the training thread.
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Training starts or resumes.
   *
   * @param plan the run's budget in steps and epochs
   * @param stepsDone steps trained before (0 for a new run)
   */
  default void started(StepPlan plan, long stepsDone) {}

  /**
   * A step finished.
   *
   * @param epoch the current epoch, from 1
   * @param epochs the run's epochs
   * @param done examples trained in this epoch so far
   * @param total examples this epoch will train
   * @param running the epoch's figures averaged over the examples so far
   */
  default void stepFinished(
      int epoch, int epochs, long done, long total, Map<String, Double> running) {}

  /**
   * An epoch finished, was evaluated and checkpointed.
   *
   * @param result its figures
   * @param epochs the run's epochs
   * @param unit the noun of its throughput, e.g. {@code images}
   */
  default void epochFinished(EpochResult result, int epochs, String unit) {}

  /** One sentence worth telling the user, e.g. that a run resumes or was interrupted. */
  default void notice(String sentence) {}

  /** The run ended normally. */
  default void finished(TrainingSummary summary) {}

  /** A listener that logs notices and epoch lines through SLF4J (logger {@code dev.zoo.train}). */
  static TrainingListener logging() {
    Logger log = LoggerFactory.getLogger("dev.zoo.train");
    return new TrainingListener() {
      @Override
      public void epochFinished(EpochResult result, int epochs, String unit) {
        log.info(ConsoleProgress.epochLine(result, epochs, unit));
      }

      @Override
      public void notice(String sentence) {
        log.info(sentence);
      }
    };
  }
}
