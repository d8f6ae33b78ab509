package dev.zoo.rnn;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingLoop;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The RNN family: character-level LSTM and GRU language models trained on English text, and an LSTM
 * forecaster of numeric series.
 */
public final class RnnFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "rnn";

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "char-lstm",
              "character-level language model: embedding 128, 2-layer LSTM 256, dropout, linear",
              languageModelDefaults().build()),
          new Variant(
              "char-gru",
              "the same character-level language model with GRU layers",
              languageModelDefaults().build()),
          new Variant(
              "lstm-forecast",
              "LSTM 64 over windows of 48 normalised values, linear head for the next 12",
              Hyperparameters.builder()
                  .put("epochs", 15)
                  .put("steps", 0)
                  .put("batch_size", 32)
                  .put("learning_rate", 3e-3)
                  .put("schedule", "cosine")
                  .put("column", "")
                  .put("horizon", 12)
                  .put("window", 48)
                  .put("hidden", 64)
                  .put("layers", 1)
                  .put("dropout", 0.0)
                  .put("test_fraction", 0.2)
                  .build()));

  private static Hyperparameters.Builder languageModelDefaults() {
    return Hyperparameters.builder()
        .put("epochs", 8)
        .put("steps", 0)
        .put("batch_size", 32)
        .put("learning_rate", 3e-3)
        .put("schedule", "cosine")
        .put("seq_len", 100)
        .put("epoch_windows", 640)
        .put("eval_windows", 128)
        .put("embedding", 128)
        .put("hidden", 256)
        .put("layers", 2)
        .put("dropout", 0.1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "recurrent networks: character-level LSTM/GRU language models, an LSTM forecaster";
  }

  @Override
  public Task task() {
    return Task.TEXT_GENERATION;
  }

  @Override
  public List<Variant> variants() {
    return VARIANTS;
  }

  /** Whether the variant is a character-level language model. */
  static boolean isLanguageModel(String variant) {
    return variant.startsWith("char-");
  }

  @Override
  public Set<Op> needs(String variant) {
    EnumSet<Op> ops = EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR, Op.DROPOUT);
    if ("char-gru".equals(variant)) {
      ops.add(Op.GRU);
    } else {
      ops.add(Op.LSTM);
    }
    if (isLanguageModel(variant)) {
      ops.add(Op.EMBEDDING);
    }
    return ops;
  }

  /** Refuses language-model settings no run can use, before anything is built. */
  static void checkLanguageModelSettings(Hyperparameters hp) {
    checkCommonSettings(hp);
    for (String name : List.of("seq_len", "epoch_windows", "eval_windows", "embedding")) {
      positive(hp, name);
    }
  }

  /** Refuses forecaster settings no run can use, before anything is built. */
  static void checkForecastSettings(Hyperparameters hp) {
    checkCommonSettings(hp);
    positive(hp, "horizon");
    positive(hp, "window");
    double fraction = hp.getDouble("test_fraction");
    if (!(fraction > 0 && fraction < 1)) {
      throw new ZooException("test_fraction must be between 0 and 1, not " + fraction + ".");
    }
  }

  private static void checkCommonSettings(Hyperparameters hp) {
    TrainingLoop.checkSettings(hp);
    positive(hp, "hidden");
    positive(hp, "layers");
    Schedule.of(hp.get("schedule"), 1, 1, 0);
    double dropout = hp.getDouble("dropout");
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ZooException("Dropout must be at least 0 and below 1, not " + dropout + ".");
    }
  }

  static void positive(Hyperparameters hp, String name) {
    if (hp.getInt(name) <= 0) {
      throw new ZooException(
          "Hyper-parameter " + name + " must be a positive number, not " + hp.getInt(name) + ".");
    }
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    Path out = request.out();
    TrainingLoop.checkRunDirectory(out, request.resume());
    Checkpoint resume = request.resume() ? Checkpoint.open(out, NAME) : null;
    String variantName;
    Hyperparameters hp;
    if (resume == null) {
      variantName = variant(request.variant()).name();
      hp = request.apply(variant(variantName).defaults());
    } else {
      variantName = resume.info().variant();
      if (request.variant() != null && !variant(request.variant()).name().equals(variantName)) {
        throw new ZooException(
            "Cannot resume: "
                + out
                + " holds an "
                + variantName
                + " model, not "
                + request.variant()
                + ".");
      }
      hp = request.apply(Hyperparameters.of(resume.info().hyperparameters()));
    }
    boolean languageModel = isLanguageModel(variantName);
    if (languageModel) {
      checkLanguageModelSettings(hp);
    } else {
      checkForecastSettings(hp);
    }
    if (resume != null) {
      checkSomethingLeft(out, resume.info().epoch(), hp);
    }
    return languageModel
        ? LanguageModelRun.train(this, variantName, hp, request, resume, context)
        : ForecastRun.train(this, hp, request, resume, context);
  }

  private static void checkSomethingLeft(Path out, int doneEpochs, Hyperparameters hp) {
    int steps = hp.getInt("steps");
    boolean left = hp.getInt("epochs") > doneEpochs;
    if (steps > 0 && hp.has("epoch_windows")) {
      int batch = hp.getInt("batch_size");
      left = steps > doneEpochs * ((hp.getInt("epoch_windows") + batch - 1L) / batch);
    } else if (steps > 0) {
      left = true;
    }
    if (!left) {
      throw new ZooException(
          "Nothing to resume: "
              + out
              + " has already trained "
              + doneEpochs
              + " epoch(s); pass a larger --epochs or --steps.");
    }
  }

  /**
   * Measures a language model on the chosen engine: training and generation characters/s, peak RSS
   * and validation bits per character after a step budget (300 unless {@code --steps} says).
   */
  @Override
  public Report bench(TrainRequest request, RunContext context) {
    return RnnBench.run(this, request, context);
  }

  @Override
  public Report evaluate(Path checkpoint, RunContext context) {
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    return isLanguageModel(cp.info().variant())
        ? LanguageModelRun.evaluate(this, cp, context)
        : ForecastRun.evaluate(this, cp, context);
  }

  @Override
  public Report predict(Path checkpoint, List<String> inputs, RunContext context) {
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    if (isLanguageModel(cp.info().variant())) {
      throw new ZooException(
          "A "
              + cp.info().variant()
              + " model generates text: use zoo generate rnn --checkpoint "
              + checkpoint
              + " --prompt TEXT.");
    }
    return ForecastRun.predict(this, cp, inputs, context);
  }

  @Override
  public Report generate(GenerateRequest request, RunContext context) {
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    if (!isLanguageModel(cp.info().variant())) {
      throw new ZooException(
          "A "
              + cp.info().variant()
              + " model forecasts numbers, it does not generate text: use zoo predict rnn"
              + " --checkpoint "
              + request.checkpoint()
              + " FILE.csv.");
    }
    return LanguageModelRun.generate(this, cp, request, context);
  }

  /** The engine to run a saved variant on, chosen as the context says. */
  EngineChoice inferenceEngine(String variant, RunContext context) {
    return context.chooseEngine("running rnn/" + variant, inferenceNeeds(variant));
  }
}
