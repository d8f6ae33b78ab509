package dev.zoo.cli;

import dev.zoo.api.Zoo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zoo eval FAMILY --checkpoint DIR}: evaluates a saved model on test data. */
@Command(name = "eval", description = "Evaluate a saved model on test data.")
final class EvalCommand extends CheckpointCommand {

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description =
          "Test data (default: ZOO_DATA, "
              + "then the installed data set, then the embedded sample).")
  Path data;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    root.print(zoo.family(family).evaluate(checkpoint, root.context(zoo, data)));
  }
}
