package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code zoo eval FAMILY --checkpoint DIR}: evaluates a saved model on test data. */
final class EvalCommand extends ModelCommand {

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Test data (default: ZOO_DATA, "
              + "then the installed data set, then the embedded sample).")
  Path data;

  EvalCommand(Session session, ModelFamily family) {
    super(session, family, Action.EVAL);
  }

  @Override
  Path data() {
    return data;
  }

  @Override
  Report act(ModelRequest request, RunContext context) {
    return family.evaluate(request, context);
  }
}
