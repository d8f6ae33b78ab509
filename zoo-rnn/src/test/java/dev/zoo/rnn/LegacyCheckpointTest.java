package dev.zoo.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.testing.LegacyExpected;
import dev.zoo.api.text.TokenSampler;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by the code of commit 04c3eed ({@code src/test/resources/legacy/char-lstm}
 * and {@code lstm-forecast}, made by the {@code LegacyCheckpointWriter} of commit 6e8b9b0) still
 * load, on the engine that wrote them and on the other, and give the bits per character, text and
 * forecasts recorded then.
 */
class LegacyCheckpointTest {

  static final String CHAR_LSTM = "char-lstm";
  static final String LSTM_FORECAST = "lstm-forecast";

  /** The text whose bits per character are recorded (every character is in the vocabulary). */
  static final String SENTENCE = "The cat sat on the mat and looked at the sea for a while.";

  /** The prompt of the generated text. */
  static final String PROMPT = "The ";

  @TempDir Path dir;

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"pytorch", "mxnet"})
  void charLstmGivesTheRecordedBitsAndText(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(CHAR_LSTM, dir);
    try (CharLanguageModel model = CharLanguageModel.load(checkpoint, engine)) {
      assertEquals(engine, model.engine().backend().name());
      assertEquals(CHAR_LSTM, model.variant());
      assertEquals(16, model.context());
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(CHAR_LSTM), measure(model), CHAR_LSTM + " on " + engine);
    }
  }

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"mxnet", "pytorch"})
  void lstmForecastGivesTheRecordedForecasts(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(LSTM_FORECAST, dir);
    try (SeriesForecaster model = load(checkpoint, engine)) {
      assertEquals(List.of(Series.GENERATED_COLUMN), model.columns());
      assertEquals(3, model.horizon());
      assertEquals(12, model.context());
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(LSTM_FORECAST),
          measure(model),
          LSTM_FORECAST + " on " + engine);
    }
  }

  @Test
  void checkpointsKeepTheirTrainingState() {
    Checkpoint lm = Checkpoint.open(LegacyExpected.copyCheckpoint(CHAR_LSTM, dir), RnnFamily.NAME);
    assertEquals(CHAR_LSTM, lm.info().variant());
    assertEquals("pytorch", lm.info().engine());
    assertEquals(1, lm.info().epoch());
    assertEquals("16", lm.info().hyperparameters().get("hidden"));
    assertEquals(20.0, lm.info().metrics().get("steps"));
    assertEquals(20, LegacyExpected.adamSteps(lm, "optimizer.state"));
    // Written when the window length was seq_len; read back as context.
    assertEquals("16", new RnnFamily().savedHyperparameters(lm.info()).get("context"));

    Checkpoint fc =
        Checkpoint.open(LegacyExpected.copyCheckpoint(LSTM_FORECAST, dir), RnnFamily.NAME);
    assertEquals(LSTM_FORECAST, fc.info().variant());
    assertEquals("mxnet", fc.info().engine());
    assertEquals(1, fc.info().epoch());
    assertEquals(List.of(12, 1), fc.info().inputShape());
    assertEquals(2.0, fc.info().metrics().get("steps"));
    assertEquals(2, LegacyExpected.adamSteps(fc, "optimizer.state"));
    // Written when the window length was window; read back as context.
    assertEquals("12", new RnnFamily().savedHyperparameters(fc.info()).get("context"));
  }

  /** A forecaster checkpoint on the named engine. */
  static SeriesForecaster load(Path checkpoint, String engine) {
    SeriesForecaster model = SeriesForecaster.load(checkpoint, engine);
    assertEquals(
        engine, model.manager().getEngine().getEngineName().toLowerCase(java.util.Locale.ROOT));
    return model;
  }

  /**
   * Bits per character of {@link #SENTENCE}, and 20 characters after {@link #PROMPT}, greedy and
   * sampled with seed 7.
   */
  static LegacyExpected.Values measure(CharLanguageModel model) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    values.put("bits_per_character.sentence", model.bitsPerCharacter(SENTENCE));
    values.put("generate.greedy20", model.generate(PROMPT, 20, new TokenSampler(1.0, 1, 1.0, 0)));
    values.put("generate.seed7.20", model.generate(PROMPT, 20, new TokenSampler(1.0, 0, 1.0, 7)));
    return values;
  }

  /** The forecast after {@link #series}, and the errors on its evaluation part. */
  static LegacyExpected.Values measure(SeriesForecaster model) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    Series series = series();
    values.put("forecast.next3", model.forecast(series));
    ForecastScore score = model.score(series);
    values.put(
        "score.mae,rmse,naive_mae,naive_rmse",
        new double[] {score.mae(), score.rmse(), score.naiveMae(), score.naiveRmse()});
    values.put("score.start", score.start());
    float[] forecast = new float[score.forecast().length];
    for (int i = 0; i < forecast.length; i++) {
      forecast[i] = (float) score.forecast()[i];
    }
    values.summary("score.forecast", forecast);
    return values;
  }

  /** The fixed series: 120 values of a trend and a season of 12 steps, column {@code value}. */
  static Series series() {
    double[] v = new double[120];
    for (int t = 0; t < v.length; t++) {
      v[t] = 20 + 0.05 * t + 3 * Math.sin(2 * Math.PI * t / 12) + Math.cos(0.7 * t);
    }
    return Series.of(List.of(Series.GENERATED_COLUMN), new double[][] {v});
  }
}
