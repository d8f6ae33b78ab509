package dev.zoo.cli;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code zoo} command; its sub-commands do the work. */
@Command(
    name = "zoo",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description =
        "A model zoo for the JVM: list, train, evaluate and run deep-learning models "
            + "on PyTorch, MXNet or TensorFlow through Deep Java Library.",
    subcommands = {
      ListCommand.class,
      EnginesCommand.class,
      InfoCommand.class,
      RunCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      PredictCommand.class,
      GenerateCommand.class,
      EncodeCommand.class,
      ScoreCommand.class,
      AttentionCommand.class,
      BenchCommand.class
    })
final class ZooCommand implements Runnable {

  final PrintStream out;
  final PrintStream err;

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  ZooCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** The registry, with the plugins folder of {@code --plugins} or {@code ZOO_PLUGINS}. */
  Zoo zoo() {
    Path plugins = global.plugins;
    if (plugins == null) {
      String env = System.getenv("ZOO_PLUGINS");
      plugins = env == null || env.isBlank() ? null : Path.of(env);
    }
    Zoo zoo = Zoo.discover(Zoo.pluginLoader(plugins, Main.class.getClassLoader()));
    for (String problem : zoo.problems()) {
      err.println("zoo: warning: " + problem);
    }
    return zoo;
  }

  /** A run context from the global options. */
  RunContext context(Zoo zoo, Path data) {
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
        .build();
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
