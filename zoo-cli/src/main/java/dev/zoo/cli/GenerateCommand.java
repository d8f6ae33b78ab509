package dev.zoo.cli;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.Zoo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zoo generate FAMILY --checkpoint DIR ...}: samples images or text from a saved model. */
@Command(
    name = "generate",
    description =
        "Sample from a saved generative model: images (gan, vae) or text (rnn, transformer).")
final class GenerateCommand extends CheckpointCommand {

  @Option(names = "--count", paramLabel = "N", description = "How many images to draw.")
  Integer count;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "The PNG file to write (a folder with --format png).")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "grid (one PNG, the default) or png (one file per image).")
  String format;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description = "Draw only this class (name or index; class-conditional models).")
  String label;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Text to continue.")
  String prompt;

  @Option(names = "--length", paramLabel = "N", description = "Characters or tokens to generate.")
  Integer length;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature.")
  Double temperature;

  @Option(names = "--top-k", paramLabel = "K", description = "Sample among the K likeliest only.")
  Integer topK;

  @Option(
      names = "--top-p",
      paramLabel = "P",
      description = "Sample from the smallest set whose probability reaches P (nucleus).")
  Double topP;

  @Override
  public void run() {
    GenerateRequest request =
        new GenerateRequest(
            checkpoint, count, out, format, label, prompt, length, temperature, topK, topP);
    Zoo zoo = root.zoo();
    root.print(zoo.family(family).generate(request, root.context(zoo, null)));
  }
}
