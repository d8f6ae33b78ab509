package dev.zoo.cli;

import dev.zoo.api.common.ZooException;
import java.io.PrintStream;

/**
 * How the command line reports a failure: a {@link ZooException} anywhere in the chain of causes is
 * the user's to fix, one line {@code zoo: <sentence>} and exit status 2; anything else is a bug,
 * exit status 1. The stack trace is printed only with {@code --verbose}.
 */
final class Errors {

  /** Exit status of a problem the user can fix. */
  static final int USER = 2;

  /** Exit status of a bug. */
  static final int BUG = 1;

  private Errors() {}

  /** Prints {@code e} as one line (after its stack trace if {@code verbose}); the exit status. */
  static int report(Throwable e, boolean verbose, PrintStream err) {
    if (verbose) {
      e.printStackTrace(err);
    }
    ZooException cause = zooCause(e);
    err.println("zoo: " + (cause != null ? cause.getMessage() : bug(e)));
    return cause != null ? USER : BUG;
  }

  private static ZooException zooCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ZooException z) {
        return z;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String bug(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "out of memory; lower --batch-size or give Java more memory (JAVA_OPTS=-Xmx...).";
    }
    return "internal error: " + e + " (run again with --verbose for details).";
  }
}
