package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code zoo generate FAMILY --checkpoint DIR ...}: samples images or text from a saved model; how
 * many and how is for the family's own options ({@code --count}, {@code --prompt}, ...).
 */
final class GenerateCommand extends ModelCommand {

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "Where to write what is generated (images: a PNG file, or a folder of PNGs).")
  Path out;

  GenerateCommand(Session session, ModelFamily family) {
    super(session, family, Action.GENERATE);
  }

  @Override
  Path out() {
    return out;
  }

  @Override
  Report act(ModelRequest request, RunContext context) {
    return family.generate(request, context);
  }
}
