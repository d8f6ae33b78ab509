package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code zoo predict FAMILY --checkpoint DIR INPUT...}: Run a saved model on inputs (image files, a
 * CSV series or text).
 */
@Command(
    name = "predict",
    description = "Run a saved model on inputs (image files, a CSV series or text).")
final class PredictCommand extends CheckpointInputsCommand {

  @Override
  Report act(ModelFamily f, Path checkpoint, List<String> inputs, RunContext context) {
    return f.predict(checkpoint, inputs, context);
  }
}
