package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code zoo score FAMILY --checkpoint DIR INPUT...}: Give each input an anomaly score, highest
 * first (vae).
 */
@Command(name = "score", description = "Give each input an anomaly score, highest first (vae).")
final class ScoreCommand extends CheckpointInputsCommand {

  @Override
  Report act(ModelFamily f, Path checkpoint, List<String> inputs, RunContext context) {
    return f.score(checkpoint, inputs, context);
  }
}
