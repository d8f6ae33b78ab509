package dev.zoo.cli;

import dev.zoo.api.ZooException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zoo bench FAMILY}: speed and quality figures per engine, next to plain PyTorch. */
@Command(name = "bench", description = "Benchmark a family on every engine that can train it.")
final class BenchCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Override
  public void run() {
    throw new ZooException("No benchmark for family " + family + ".");
  }
}
