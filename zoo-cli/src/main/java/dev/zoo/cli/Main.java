package dev.zoo.cli;

import dev.zoo.api.Zoo;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The {@code zoo} command's entry point: exit 0 on success, 2 on a user error, 1 on a bug. The
 * registry is discovered first (with the plugins folder of {@code --plugins} or {@code
 * ZOO_PLUGINS}), since the families' sub-commands and options are built from it.
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> list = Arrays.asList(args);
    boolean verbose = list.contains("--verbose") || list.contains("-v");
    configureLogging(verbose);
    System.setProperty("java.awt.headless", "true");
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    Session session;
    CommandLine cli;
    try {
      Zoo zoo = Zoo.discover(Zoo.pluginLoader(plugins(list), Main.class.getClassLoader()));
      Set<String> warnings = new LinkedHashSet<>(zoo.problems());
      session = new Session(zoo, list, out, err);
      cli = CommandTree.build(session, warnings);
      for (String warning : warnings) {
        err.println("zoo: warning: " + warning);
      }
    } catch (RuntimeException | LinkageError e) {
      return Errors.report(e, verbose, err);
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> Errors.report(e, verbose, err));
    cli.setParameterExceptionHandler(new ParseErrors(session));
    return cli.execute(args);
  }

  /** The plugins folder: {@code --plugins DIR} anywhere on the line, else {@code ZOO_PLUGINS}. */
  private static Path plugins(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--plugins") && i + 1 < args.size()) {
        return Path.of(args.get(i + 1));
      }
      if (arg.startsWith("--plugins=")) {
        return Path.of(arg.substring("--plugins=".length()));
      }
    }
    String env = System.getenv("ZOO_PLUGINS");
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  private static void configureLogging(boolean verbose) {
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
    }
  }
}
