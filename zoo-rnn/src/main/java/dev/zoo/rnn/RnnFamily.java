package dev.zoo.rnn;

import dev.zoo.api.AbstractFamily;
import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TextSampling;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.Op;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The RNN family: character-level LSTM and GRU language models trained on English text ({@link
 * CharLanguageModel}), and an LSTM forecaster of numeric series ({@link SeriesForecaster}).
 */
public final class RnnFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "rnn";

  /**
   * The family's variants, {@code char-lstm} first; the forecaster's {@code --column} and {@code
   * --horizon} for {@code zoo train}, and the text sampling options of {@code zoo generate} for the
   * language models.
   */
  public RnnFamily() {
    super(
        NAME,
        "recurrent networks: character-level LSTM/GRU language models, an LSTM forecaster",
        List.of(
            new Variant(
                "char-lstm",
                Task.TEXT_GENERATION,
                "character-level language model: embedding 128, 2-layer LSTM 256, dropout, linear",
                languageModelDefaults().build()),
            new Variant(
                "char-gru",
                Task.TEXT_GENERATION,
                "the same character-level language model with GRU layers",
                languageModelDefaults().build()),
            new Variant(
                SeriesForecaster.VARIANT,
                Task.TIME_SERIES_FORECASTING,
                "LSTM 64 over windows of 48 normalised values, linear head for the next 12",
                Hyperparameters.builder()
                    .put("epochs", 15)
                    .put("steps", 0)
                    .put("batch_size", 32)
                    .put("optimizer", "adam")
                    .put("learning_rate", 3e-3)
                    .put("schedule", "cosine")
                    .put("column", "")
                    .put("horizon", 12)
                    .put("context", 48)
                    .put("hidden", 64)
                    .put("layers", 1)
                    .put("dropout", 0.0)
                    .put("test_fraction", 0.2)
                    .build())),
        Stream.concat(
                Stream.of(
                    FamilyOption.of(
                        "--column",
                        "column",
                        "NAMES",
                        "The CSV column(s) lstm-forecast reads, comma-separated, the one to"
                            + " forecast first.",
                        "train"),
                    FamilyOption.of(
                        "--horizon",
                        "horizon",
                        "N",
                        "How many values ahead lstm-forecast predicts (default 12).",
                        "train")),
                FamilyOption.textSampling().stream())
            .toList(),
        EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR, Op.DROPOUT));
    alsoNeeds("char-lstm", Op.LSTM, Op.EMBEDDING);
    alsoNeeds("char-gru", Op.GRU, Op.EMBEDDING);
    alsoNeeds(SeriesForecaster.VARIANT, Op.LSTM);
    // The window lengths that the language models called seq_len and the forecaster window.
    renamed("seq_len", "context");
    renamed("window", "context");
    benchmark((request, context) -> RnnBench.run(this, request, context));
  }

  private static Hyperparameters.Builder languageModelDefaults() {
    return Hyperparameters.builder()
        .put("epochs", 8)
        .put("steps", 0)
        .put("batch_size", 32)
        .put("optimizer", "adam")
        .put("learning_rate", 3e-3)
        .put("schedule", "cosine")
        .put("context", 100)
        .put("epoch_windows", 640)
        .put("eval_windows", 128)
        .put("embedding", 128)
        .put("hidden", 256)
        .put("layers", 2)
        .put("dropout", 0.1);
  }

  /** Whether the variant is a character-level language model (rather than the forecaster). */
  boolean isLanguageModel(String variant) {
    return variant(variant).task() == Task.TEXT_GENERATION;
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    if (isLanguageModel(start.variant())) {
      RnnSettings.checkLanguageModel(start.hyperparameters());
      return LanguageModelRun.train(this, start, request, context);
    }
    RnnSettings.checkForecaster(start.hyperparameters());
    return ForecastRun.train(this, start, request, context);
  }

  @Override
  public Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval rnn");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    return isLanguageModel(cp.info().variant())
        ? LanguageModelRun.evaluate(this, cp, context)
        : ForecastRun.evaluate(this, cp, context);
  }

  @Override
  public Report predict(ModelRequest request, RunContext context) {
    request.allowOnly("zoo predict rnn");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    if (isLanguageModel(cp.info().variant())) {
      throw new InvalidSettingException(
          "A "
              + cp.info().variant()
              + " model generates text: use zoo generate rnn --checkpoint "
              + request.checkpoint()
              + " --prompt TEXT.");
    }
    return ForecastRun.predict(this, cp, request.inputs(), context);
  }

  @Override
  public Report generate(ModelRequest request, RunContext context) {
    TextSampling sampling =
        TextSampling.from(
            request, "a language model", LanguageModelRun.DEFAULT_LENGTH, context.seed());
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    if (!isLanguageModel(cp.info().variant())) {
      throw new InvalidSettingException(
          "A "
              + cp.info().variant()
              + " model forecasts numbers, it does not generate text: use zoo predict rnn"
              + " --checkpoint "
              + request.checkpoint()
              + " FILE.csv.");
    }
    return LanguageModelRun.generate(this, cp, sampling, context);
  }
}
