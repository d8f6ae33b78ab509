package dev.zoo.api.train;

import java.io.PrintStream;

/**
 * A progress bar for long work. On a terminal it redraws one line; elsewhere (logs, CI) it prints a
 * line at each quarter so that output stays short.
 */
public final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long lastDraw;
  private int lastQuarter;

  /**
   * Starts a bar.
   *
   * @param out where to draw
   * @param interactive redraw one line (a terminal) rather than print lines
   * @param label text before the bar, e.g. "Epoch 1/5"
   * @param total the amount of work, e.g. the number of images
   */
  public ProgressBar(PrintStream out, boolean interactive, String label, long total) {
    this.out = out;
    this.interactive = interactive;
    this.label = label;
    this.total = Math.max(1, total);
  }

  /** Reports that {@code done} of the total is done, with a short status such as the loss. */
  public void update(long done, String status) {
    long now = System.nanoTime();
    if (interactive) {
      if (now - lastDraw < 100_000_000L && done < total) {
        return;
      }
      lastDraw = now;
      out.print("\r" + line(done, status) + "   ");
      out.flush();
    } else {
      int quarter = (int) (4 * done / total);
      if (quarter > lastQuarter && done < total) {
        lastQuarter = quarter;
        out.println(line(done, status));
      }
    }
  }

  /** Ends the bar's line. */
  public void finish() {
    if (interactive) {
      out.print("\r" + " ".repeat(WIDTH + label.length() + 60) + "\r");
      out.flush();
    }
  }

  private String line(long done, String status) {
    int filled = (int) (WIDTH * done / total);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    long etaSeconds = rate > 0 ? (long) ((total - done) / rate) : 0;
    return String.format(
        "%s [%s%s] %3d%% %s eta %d:%02d",
        label,
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        100 * done / total,
        status,
        etaSeconds / 60,
        etaSeconds % 60);
  }
}
