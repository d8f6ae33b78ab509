package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Zoo;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zoo run FAMILY}: the family's demonstration — its default model trained on its default
 * data into a new run directory under {@code runs/}.
 */
@Command(
    name = "run",
    description =
        "Train a family's default model on its default data and "
            + "show the results (a new run directory under runs/ unless --out is given).")
final class RunCommand implements Runnable {

  @ParentCommand ZooCommand root;

  @Parameters(index = "0", paramLabel = "FAMILY", description = "A family name from 'zoo list'.")
  String family;

  @Mixin TrainOptions options;

  @Override
  public void run() {
    Zoo zoo = root.zoo();
    ModelFamily f = zoo.family(family);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path out = Path.of("runs", f.name() + "-" + stamp);
    root.print(f.run(options.request(out), root.context(zoo, options.data)));
  }
}
