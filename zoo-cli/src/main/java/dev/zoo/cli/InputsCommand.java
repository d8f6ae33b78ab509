package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * {@code zoo predict|encode|score FAMILY --checkpoint DIR INPUT...}: a saved model on inputs named
 * on the command line.
 */
final class InputsCommand extends ModelCommand {

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description = "Inputs: image files, CSV files or text, as the family takes them.")
  List<String> inputs = new ArrayList<>();

  InputsCommand(Session session, ModelFamily family, Action action) {
    super(session, family, action);
  }

  @Override
  List<String> inputs() {
    return inputs;
  }

  @Override
  Report act(ModelRequest request, RunContext context) {
    return switch (action) {
      case PREDICT -> family.predict(request, context);
      case ENCODE -> family.encode(request, context);
      case SCORE -> family.score(request, context);
      default -> throw new IllegalStateException("not an action on inputs: " + action);
    };
  }
}
