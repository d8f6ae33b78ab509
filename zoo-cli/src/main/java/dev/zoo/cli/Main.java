package dev.zoo.cli;

import dev.zoo.api.common.ZooException;
import java.io.PrintStream;
import java.util.Arrays;
import picocli.CommandLine;

/** The {@code zoo} command's entry point: exit 0 on success, 2 on a user error, 1 on a bug. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean verbose =
        Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
    configureLogging(verbose);
    System.setProperty("java.awt.headless", "true");
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    CommandLine cli = new CommandLine(new ZooCommand(out, err));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (verbose) {
            e.printStackTrace(err);
          }
          err.println("zoo: " + message(e));
          return e instanceof ZooException ? 2 : 1;
        });
    cli.setParameterExceptionHandler(
        (e, unused) -> {
          err.println("zoo: " + e.getMessage());
          err.println("Run 'zoo " + commandPath(e.getCommandLine()) + " --help' for usage.");
          return 2;
        });
    return cli.execute(args);
  }

  private static String commandPath(CommandLine commandLine) {
    String qualified = commandLine.getCommandSpec().qualifiedName(" ");
    return qualified.startsWith("zoo") ? qualified.substring(3).trim() : qualified;
  }

  private static String message(Throwable e) {
    if (e instanceof ZooException) {
      return e.getMessage();
    }
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ZooException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ZooException) {
      return cause.getMessage();
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory; lower --batch-size or give Java more memory (JAVA_OPTS=-Xmx...).";
    }
    return "internal error: " + e + " (run again with --verbose for details).";
  }

  private static void configureLogging(boolean verbose) {
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
  }
}
