package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code zoo train FAMILY --out DIR}: trains a model into a run directory. */
@Command(name = "train", description = "Train a model into a run directory.")
final class TrainCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Mixin TrainOptions options;

  @Override
  public void run() {
    if (options.out == null) {
      throw new ZooException("Name the run directory with --out DIR.");
    }
    Zoo zoo = root.zoo();
    ModelFamily f = zoo.family(family);
    root.print(f.train(options.request(null), root.context(zoo, options.data)));
  }
}
