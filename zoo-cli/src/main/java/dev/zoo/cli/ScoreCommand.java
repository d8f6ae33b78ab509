package dev.zoo.cli;

import dev.zoo.api.Zoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo score FAMILY --checkpoint DIR INPUT...}: Give each input an anomaly score, highest
 * first (vae).
 */
@Command(name = "score", description = "Give each input an anomaly score, highest first (vae).")
final class ScoreCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Parameters(index = "1..*", paramLabel = "INPUT", description = "Inputs, e.g. PNG or JPEG files.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description = "A run directory or checkpoint directory.")
  Path checkpoint;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    root.print(zoo.family(family).score(checkpoint, inputs, root.context(zoo, null)));
  }
}
