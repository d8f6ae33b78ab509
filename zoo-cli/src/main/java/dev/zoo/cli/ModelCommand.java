package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A command on a saved model, {@code zoo ACTION FAMILY --checkpoint DIR ...}: it builds a {@link
 * ModelRequest} of the checkpoint, the inputs, the output path and the family's options, and hands
 * it to the family.
 */
abstract class ModelCommand extends FamilyCommand {

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description = "A run directory or checkpoint directory.")
  Path checkpoint;

  ModelCommand(Session session, ModelFamily family, Action action) {
    super(session, family, action);
  }

  /** The inputs named on the command line; none by default. */
  List<String> inputs() {
    return List.of();
  }

  /** The {@code --out} option, or null. */
  Path out() {
    return null;
  }

  /** The {@code --data} option, or null. */
  Path data() {
    return null;
  }

  /** The family's action on the request. */
  abstract Report act(ModelRequest request, RunContext context);

  @Override
  public void run() {
    ModelRequest request = new ModelRequest(checkpoint, inputs(), out(), familyValues());
    session.print(act(request, session.context(data())));
  }
}
