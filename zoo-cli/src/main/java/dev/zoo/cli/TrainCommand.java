package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.InvalidSettingException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;

/**
 * {@code zoo train FAMILY --out DIR}: trains a model into a run directory; {@code zoo run FAMILY}:
 * the family's demonstration, its default model trained on its default data into a new run
 * directory under {@code runs/} unless {@code --out} is given. The family's options set
 * hyper-parameters of the same name.
 */
final class TrainCommand extends FamilyCommand {

  @Mixin TrainOptions options;

  TrainCommand(Session session, ModelFamily family, Action action) {
    super(session, family, action);
  }

  @Override
  public void run() {
    if (action == Action.RUN) {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path out = Path.of("runs", family.name() + "-" + stamp);
      TrainRequest request = options.request(out, familyValues());
      session.print(family.run(request, session.context(options.data)));
      return;
    }
    if (options.out == null) {
      throw new InvalidSettingException("Name the run directory with --out DIR.");
    }
    TrainRequest request = options.request(null, familyValues());
    Path startFrom = options.startFrom(family.name());
    session.print(
        family.train(
            request,
            session
                .contextBuilder(options.data)
                .training(o -> o.withStartFrom(startFrom))
                .build()));
  }
}
