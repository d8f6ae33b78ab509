package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.TrainRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zoo bench FAMILY}: runs the family's benchmark once per engine that can train it, each in
 * its own process so that peak memory is the engine's own ({@code --worker} is such a process),
 * then the family's plain-PyTorch peer script from {@code bench/peers/} on the same data, and
 * prints the figures side by side with each engine's ratio to the peer ({@link BenchReport}).
 */
final class BenchCommand extends FamilyCommand {

  @Mixin TrainOptions options;

  @Option(names = "--worker", hidden = true, description = "Measure one engine in this process.")
  boolean worker;

  @Option(names = "--no-peer", description = "Skip the plain-PyTorch peer.")
  boolean noPeer;

  BenchCommand(Session session, ModelFamily family) {
    super(session, family, Action.BENCH);
  }

  @Override
  public void run() {
    TrainRequest request = options.request(Path.of("bench-run"), familyValues());
    if (worker) {
      session.print(family.bench(request, session.context(options.data)));
      return;
    }
    Machine machine = new Machine();
    List<Map<String, Object>> rows =
        new BenchProcesses(session, family, options)
            .measure(
                familyArguments(),
                !noPeer,
                e -> {
                  throw e;
                });
    machine.finished();
    BenchReport report =
        new BenchReport(
            "Benchmark of " + family.name(), machine, session.commandLine(), rows, List.of());
    session.print(report.report());
  }

  /** The family options given, as arguments for a worker process. */
  private List<String> familyArguments() {
    List<String> args = new ArrayList<>();
    Map<String, String> values = familyValues();
    for (FamilyOption option : familyOptions()) {
      String value = values.get(option.key());
      if (value != null) {
        args.add(option.flag());
        if (option.label() != null) {
          args.add(value);
        }
      }
    }
    return args;
  }
}
