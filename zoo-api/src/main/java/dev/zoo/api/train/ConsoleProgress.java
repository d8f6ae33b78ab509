package dev.zoo.api.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The training listener of a terminal: a progress bar with the running loss and the time left
 * during an epoch, one line of figures after it, and notices as lines of their own.
 */
public final class ConsoleProgress implements TrainingListener {

  private final PrintStream out;
  private final boolean interactive;
  private ProgressBar bar;
  private int barEpoch;

  /**
   * @param out where to print, usually standard error
   * @param interactive redraw one line (a terminal) rather than print a line per quarter epoch
   */
  public ConsoleProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void stepFinished(
      int epoch, int epochs, long done, long total, Map<String, Double> running) {
    if (bar == null || barEpoch != epoch) {
      bar = new ProgressBar(out, interactive, String.format("Epoch %d/%d", epoch, epochs), total);
      barEpoch = epoch;
    }
    Double loss = running.get("loss");
    bar.update(done, loss == null ? "" : String.format(Locale.ROOT, "loss %.4f", loss));
  }

  @Override
  public void epochFinished(EpochResult result, int epochs, String unit) {
    endBar();
    out.println(epochLine(result, epochs, unit));
  }

  @Override
  public void notice(String sentence) {
    endBar();
    out.println(sentence);
  }

  private void endBar() {
    if (bar != null) {
      bar.finish();
      bar = null;
    }
  }

  /** {@code Epoch 2/5 train_loss 0.3012 test_accuracy 0.8901 2,345 images/s 12.3 s}. */
  static String epochLine(EpochResult r, int epochs, String unit) {
    StringBuilder sb = new StringBuilder(String.format("Epoch %d/%d", r.epoch(), epochs));
    r.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
    sb.append(
        String.format(
            Locale.ROOT, "  %,.0f %s/s  %.1f s", r.examplesPerSecond(), unit, r.seconds()));
    return sb.toString();
  }
}
