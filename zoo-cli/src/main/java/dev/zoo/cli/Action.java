package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import java.util.Locale;

/**
 * The commands that act on one family, {@code zoo ACTION FAMILY [OPTIONS]}: each has one
 * sub-command per registered family, with the family's own options for it.
 */
enum Action {
  INFO(
      "Describe a family (variants, tasks, hyper-parameters, options, engines), "
          + "or a checkpoint with --checkpoint DIR."),
  RUN(
      "Train a family's default model on its default data and show the results "
          + "(a new run directory under runs/ unless --out is given)."),
  TRAIN("Train a model into a run directory."),
  EVAL("Evaluate a saved model on test data."),
  PREDICT("Run a saved model on inputs (image files, a CSV series or text)."),
  GENERATE("Sample images or text from a saved generative model."),
  ENCODE("Print the latent code of each input."),
  SCORE("Give each input an anomaly score, highest first."),
  ATTENTION("Draw the attention weights of each head of one layer over a prompt."),
  EXPORT(
      "Write a saved model as an ONNX file (with its labels and input shape) that "
          + "zoo predict and zoo eval run on ONNX Runtime."),
  BENCH(
      "Benchmark a family on every engine that can train it, "
          + "next to the same model in plain PyTorch (bench/peers/FAMILY.py).");

  private final String description;

  Action(String description) {
    this.description = description;
  }

  /** The command's name, e.g. {@code train}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One sentence for help. */
  String description() {
    return description;
  }

  /** The sub-command of this action for {@code family}. */
  FamilyCommand command(Session session, ModelFamily family) {
    return switch (this) {
      case INFO -> new FamilyInfoCommand(session, family);
      case RUN, TRAIN -> new TrainCommand(session, family, this);
      case EVAL -> new EvalCommand(session, family);
      case PREDICT, ENCODE, SCORE -> new InputsCommand(session, family, this);
      case GENERATE -> new GenerateCommand(session, family);
      case ATTENTION -> new AttentionCommand(session, family);
      case EXPORT -> new ExportCommand(session, family);
      case BENCH -> new BenchCommand(session, family);
    };
  }
}
