package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * The command-line actions of the forecaster: train, evaluate and predict. A run holds out the last
 * {@code test_fraction} of the series: the model trains on the part before it and is scored on it.
 */
final class ForecastRun {

  /** The length of the series used when no CSV file is given. */
  static final int GENERATED_LENGTH = 1200;

  private ForecastRun() {}

  /**
   * The CSV file of {@code --data}, or a generated series seeded by {@code seed}.
   *
   * @throws InvalidSettingException when columns are named but no CSV file is given
   */
  static Series series(RunContext context, String columns, long seed) {
    Path data = context.data();
    if (data != null) {
      return Series.fromCsv(data, columns);
    }
    if (!columns.isBlank() && !columns.equals(Series.GENERATED_COLUMN)) {
      throw new InvalidSettingException(
          "--column names a column of a CSV file given with --data; without one the forecaster"
              + " uses a generated series.");
    }
    return Series.generated(GENERATED_LENGTH, seed);
  }

  static Report train(
      RnnFamily family, TrainingStart start, TrainRequest request, RunContext context) {
    Hyperparameters hp = start.hyperparameters();
    long seed = start.seed(context.seed());
    String columns =
        start.resuming()
            ? String.join(",", SeriesForecaster.columnsOf(start.resume()))
            : hp.get("column");
    Series series = series(context, columns, seed);
    int end =
        SeriesWindows.trainEnd(
            series.length(),
            hp.getInt("context"),
            hp.getInt("horizon"),
            hp.getDouble("test_fraction"));
    Series train = series.first(end);
    Series validation = series.last(series.length() - end);
    String variant = SeriesForecaster.VARIANT;
    EngineChoice choice = context.chooseEngine("training rnn/" + variant, family.needs(variant));
    if (context.data() == null) {
      context.log().println("No --data given: training on " + series.source() + ".");
    } else {
      context.log().println("Data: " + series.source() + ", " + series.length() + " rows.");
    }
    ModelDescription description =
        start.resuming()
            ? start.resumed(family, choice)
            : SeriesForecaster.description(hp, train, choice, seed);
    try (SeriesForecaster model = new SeriesForecaster(description)) {
      context.log().printf("Training rnn/%s (%s).%n", variant, hp);
      TrainingSummary summary =
          model.fit(train, validation, request.out(), context.fitOptions(request));
      return ForecastReports.training(summary, series, model, model.score(series));
    }
  }

  static Report evaluate(RnnFamily family, Checkpoint cp, RunContext context) {
    List<String> columns = SeriesForecaster.columnsOf(cp);
    Series series = series(context, String.join(",", columns), cp.info().seed());
    try (SeriesForecaster model =
        SeriesForecaster.open(cp, ModelLoader.description(family, cp, context))) {
      return ForecastReports.evaluation(cp, series, model, model.score(series));
    }
  }

  static Report predict(RnnFamily family, Checkpoint cp, List<String> inputs, RunContext context) {
    if (inputs.size() != 1) {
      throw new InvalidSettingException(
          "Name one CSV file holding the recent values to forecast from, not "
              + inputs.size()
              + ".");
    }
    List<String> columns = SeriesForecaster.columnsOf(cp);
    Series recent = Series.fromCsv(Path.of(inputs.get(0)), String.join(",", columns));
    double[] next;
    try (SeriesForecaster model =
        SeriesForecaster.open(cp, ModelLoader.description(family, cp, context))) {
      next = model.forecast(recent);
    }
    return ForecastReports.prediction(cp, columns.get(0), recent, inputs.get(0), next);
  }
}
