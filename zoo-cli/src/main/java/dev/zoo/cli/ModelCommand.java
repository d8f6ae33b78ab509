package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.pretrained.PretrainedModels;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A command on a saved model, {@code zoo ACTION FAMILY --checkpoint DIR ...}: it builds a {@link
 * ModelRequest} of the checkpoint, the inputs, the output path and the family's options, and hands
 * it to the family.
 */
abstract class ModelCommand extends FamilyCommand {

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "A run directory or checkpoint directory.")
  Path checkpoint;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "A pretrained model instead of a checkpoint, e.g. fashion-mnist/simple-cnn"
              + " (zoo models lists them).")
  String model;

  ModelCommand(Session session, ModelFamily family, Action action) {
    super(session, family, action);
  }

  /** The inputs named on the command line; none by default. */
  List<String> inputs() {
    return List.of();
  }

  /** The {@code --out} option, or null. */
  Path out() {
    return null;
  }

  /** The {@code --data} option, or null. */
  Path data() {
    return null;
  }

  /**
   * The checkpoint named by {@code --checkpoint}, or the unpacked folder of the pretrained model
   * named by {@code --model}.
   *
   * @throws InvalidSettingException when both or neither are given, or the model is unknown or of
   *     another family
   */
  Path checkpoint() {
    if ((checkpoint == null) == (model == null)) {
      throw new InvalidSettingException(
          "Give either --checkpoint DIR or --model NAME (zoo models lists the pretrained models).");
    }
    if (checkpoint != null) {
      return checkpoint;
    }
    return PretrainedModels.onClassPath().checkpoint(model, family.name());
  }

  /** The family's action on the request. */
  abstract Report act(ModelRequest request, RunContext context);

  @Override
  public void run() {
    ModelRequest request = new ModelRequest(checkpoint(), inputs(), out(), familyValues());
    session.print(act(request, session.context(data())));
  }
}
