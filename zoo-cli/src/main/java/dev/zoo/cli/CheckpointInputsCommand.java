package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The shape of {@code zoo ACTION FAMILY --checkpoint DIR INPUT...}: a saved model on inputs. */
abstract class CheckpointInputsCommand extends CheckpointCommand {

  @Parameters(
      index = "1..*",
      paramLabel = "INPUT",
      description = "Inputs: image files, CSV files or text, as the family takes them.")
  List<String> inputs = new ArrayList<>();

  /** The family's action on the checkpoint and inputs. */
  abstract Report act(ModelFamily f, Path checkpoint, List<String> inputs, RunContext context);

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    root.print(act(zoo.family(family), checkpoint, inputs, root.context(zoo, null)));
  }
}
