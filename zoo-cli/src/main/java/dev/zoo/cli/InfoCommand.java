package dev.zoo.cli;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.model.ModelCard;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zoo info}: with a family, that family ({@link FamilyInfoCommand}); with {@code
 * --checkpoint DIR} alone, the model card of any checkpoint.
 */
@Command
final class InfoCommand extends ActionCommand {

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "Describe the checkpoint in this run or checkpoint directory instead.")
  Path checkpoint;

  InfoCommand(Session session) {
    super(session, Action.INFO);
  }

  @Override
  public void run() {
    if (checkpoint == null) {
      throw new InvalidSettingException(
          "Name a family or a checkpoint: 'zoo info FAMILY' or 'zoo info --checkpoint DIR'; "
              + knownFamilies(session)
              + ".");
    }
    session.print(ModelCard.saved(Checkpoint.open(checkpoint, null)).report());
  }
}
