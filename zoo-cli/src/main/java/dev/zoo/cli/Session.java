package dev.zoo.cli;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One invocation of {@code zoo}: the registry it was started with, its output streams, the global
 * options once parsed, and the command line itself (recorded as provenance).
 */
final class Session {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

  final Zoo zoo;
  final PrintStream out;
  final PrintStream err;
  final GlobalOptions global = new GlobalOptions();
  private final List<String> args;

  Session(Zoo zoo, List<String> args, PrintStream out, PrintStream err) {
    this.zoo = zoo;
    this.args = List.copyOf(args);
    this.out = out;
    this.err = err;
  }

  /** The command line as a shell would take it back, e.g. {@code zoo train cnn --epochs 3}. */
  String commandLine() {
    return "zoo" + args.stream().map(a -> " " + quoted(a)).collect(Collectors.joining());
  }

  private static String quoted(String arg) {
    return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  /** A run context from the global options, with {@code data} as its {@code --data}. */
  RunContext context(Path data) {
    return contextBuilder(data).build();
  }

  /** A builder of {@link #context(Path)}, for a command that adds to it. */
  RunContext.Builder contextBuilder(Path data) {
    return RunContext.builder(zoo)
        .out(out)
        .log(err)
        .data(data)
        .engine(global.engine)
        .device(global.device)
        .seed(global.seed)
        .interactive(System.console() != null)
        .judge(new JudgeProvider(data, global.engine, err))
        .json(global.json)
        .command(commandLine());
  }

  /** Prints a report as text or, with {@code --json}, as JSON. */
  void print(Report report) {
    if (global.json) {
      out.println(Json.write(report.data()));
    } else {
      out.print(report.text());
      if (!report.text().endsWith("\n")) {
        out.println();
      }
    }
  }
}
