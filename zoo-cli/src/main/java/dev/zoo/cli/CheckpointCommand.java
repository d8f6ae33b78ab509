package dev.zoo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What every command on a saved model takes: the family and {@code --checkpoint DIR}. */
abstract class CheckpointCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description = "A run directory or checkpoint directory.")
  Path checkpoint;
}
