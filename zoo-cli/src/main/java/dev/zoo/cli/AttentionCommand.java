package dev.zoo.cli;

import dev.zoo.api.AttentionRequest;
import dev.zoo.api.Zoo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zoo attention FAMILY --checkpoint DIR --prompt TEXT}: draws attention weights. */
@Command(
    name = "attention",
    description =
        "Draw the attention weights of each head of one layer over a prompt (transformer).")
final class AttentionCommand extends CheckpointCommand {

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text.")
  String prompt;

  @Option(names = "--layer", paramLabel = "N", description = "The layer, from 1 (default: last).")
  Integer layer;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The PNG to write (default: attention.png).")
  Path out;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    root.print(
        zoo.family(family)
            .attention(
                new AttentionRequest(checkpoint, prompt, layer, out), root.context(zoo, null)));
  }
}
