package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.engine.EngineBackend;
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
 * prints the figures side by side with the ratio to the peer.
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
    if (options.epochs == null) {
      options.epochs = 2;
    }
    TrainRequest request = options.request(Path.of("bench-run"), familyValues());
    if (worker) {
      session.print(family.bench(request, session.context(options.data)));
      return;
    }
    String variant = family.variant(options.variant).name();
    BenchProcesses processes = new BenchProcesses(session, family, options);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EngineBackend backend : session.zoo.backends()) {
      boolean fits =
          backend.isAvailable()
              && backend.declaredOffers().missing(family.needs(variant)).isEmpty();
      String wanted = session.global.engine;
      if (fits && (wanted == null || wanted.equals(backend.name()))) {
        session.err.println("== " + backend.name());
        rows.add(processes.engine(backend.name(), familyArguments()));
      }
    }
    if (rows.isEmpty()) {
      throw new EngineException("No engine here can train family " + family.name() + ".");
    }
    Map<String, Object> peer = noPeer ? null : processes.peer(variant, rows.get(0));
    if (peer != null) {
      rows.add(peer);
    }
    BenchReport report = new BenchReport(family.name(), options.epochs, options.limit);
    session.print(
        rows.get(0).containsKey("columns") ? report.table(rows, peer) : report.images(rows, peer));
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
