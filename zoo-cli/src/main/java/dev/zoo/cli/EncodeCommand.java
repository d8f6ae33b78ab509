package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code zoo encode FAMILY --checkpoint DIR INPUT...}: Print the latent code of each input (vae).
 */
@Command(name = "encode", description = "Print the latent code of each input (vae).")
final class EncodeCommand extends CheckpointInputsCommand {

  @Override
  Report act(ModelFamily f, Path checkpoint, List<String> inputs, RunContext context) {
    return f.encode(checkpoint, inputs, context);
  }
}
