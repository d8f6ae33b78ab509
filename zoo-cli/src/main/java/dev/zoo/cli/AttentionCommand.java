package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code zoo attention FAMILY --checkpoint DIR ...}: draws a model's attention weights; the prompt
 * and the layer are the family's own options.
 */
final class AttentionCommand extends ModelCommand {

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The PNG to write (default: attention.png).")
  Path out;

  AttentionCommand(Session session, ModelFamily family) {
    super(session, family, Action.ATTENTION);
  }

  @Override
  Path out() {
    return out;
  }

  @Override
  Report act(ModelRequest request, RunContext context) {
    return family.attention(request, context);
  }
}
