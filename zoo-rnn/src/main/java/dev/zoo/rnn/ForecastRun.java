package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The command-line actions of the forecaster: train, evaluate and predict. */
final class ForecastRun {

  /** The length of the series used when no CSV file is given. */
  static final int GENERATED_LENGTH = 1200;

  private ForecastRun() {}

  /** The CSV file of {@code --data}, or a generated series seeded by {@code seed}. */
  static Series series(RunContext context, String columns, long seed) {
    Path data = context.data();
    if (data != null) {
      return Series.fromCsv(data, columns);
    }
    if (!columns.isBlank() && !columns.equals(Series.GENERATED_COLUMN)) {
      throw new ZooException(
          "--column names a column of a CSV file given with --data; without one the forecaster"
              + " uses a generated series.");
    }
    return Series.generated(GENERATED_LENGTH, seed);
  }

  static Report train(
      RnnFamily family,
      Hyperparameters hp,
      TrainRequest request,
      Checkpoint resume,
      RunContext context) {
    long seed = resume != null ? resume.info().seed() : context.seed();
    String columns =
        resume != null ? String.join(",", SeriesForecaster.columnsOf(resume)) : hp.get("column");
    Series series = series(context, columns, seed);
    EngineChoice choice =
        context.chooseEngine(
            "training rnn/" + SeriesForecaster.VARIANT, family.needs(SeriesForecaster.VARIANT));
    if (context.data() == null) {
      context.log().println("No --data given: training on " + series.origin() + ".");
    } else {
      context.log().println("Data: " + series.origin() + ", " + series.length() + " rows.");
    }
    try (SeriesForecaster model =
        resume != null
            ? SeriesForecaster.load(resume, choice, hp)
            : new SeriesForecaster(hp, series.names(), null, choice, seed)) {
      context.log().printf("Training rnn/%s (%s).%n", SeriesForecaster.VARIANT, hp);
      TrainingSummary summary =
          model.fit(series, request.out(), resume, context.log(), context.interactive());
      ForecastScore score = model.score(series);
      return report(
          "Trained rnn/lstm-forecast to epoch " + summary.completedEpochs(),
          series,
          model,
          score,
          summary.runDir(),
          summary.checkpoint());
    }
  }

  static Report evaluate(RnnFamily family, Checkpoint cp, RunContext context) {
    Series series =
        series(context, String.join(",", SeriesForecaster.columnsOf(cp)), cp.info().seed());
    EngineChoice choice = family.inferenceEngine(SeriesForecaster.VARIANT, context);
    try (SeriesForecaster model = SeriesForecaster.load(cp, choice)) {
      return report("Evaluated " + cp.dir(), series, model, model.score(series), null, cp.dir());
    }
  }

  private static Report report(
      String headline,
      Series series,
      SeriesForecaster model,
      ForecastScore score,
      Path runDir,
      Path checkpoint) {
    String column = model.columns().get(0);
    int steps = score.forecast().length;
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%s on %s.%nForecasts of %d steps over the last %d values of %s: MAE %.4f, RMSE %.4f;"
                + " last-value baseline MAE %.4f, RMSE %.4f.%n",
            headline,
            series.origin(),
            model.horizon(),
            steps,
            column,
            score.mae(),
            score.rmse(),
            score.naiveMae(),
            score.naiveRmse()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", RnnFamily.NAME);
    json.put("variant", SeriesForecaster.VARIANT);
    json.put("column", column);
    json.put("columns", model.columns());
    json.put("horizon", model.horizon());
    json.put("evaluated_steps", steps);
    json.put("mae", score.mae());
    json.put("rmse", score.rmse());
    json.put("naive_mae", score.naiveMae());
    json.put("naive_rmse", score.naiveRmse());
    json.put("data", series.origin());
    json.put("checkpoint", checkpoint.toString());
    if (runDir != null) {
      text.append("Run directory: ").append(runDir).append('\n');
      text.append("  checkpoint   ").append(checkpoint).append('\n');
      text.append("  plot         ").append(runDir.resolve(SeriesForecaster.PLOT)).append('\n');
      json.put("run_dir", runDir.toString());
      json.put("plot", runDir.resolve(SeriesForecaster.PLOT).toString());
    }
    return new Report(text.toString(), json);
  }

  static Report predict(RnnFamily family, Checkpoint cp, List<String> inputs, RunContext context) {
    if (inputs.size() != 1) {
      throw new ZooException(
          "Name one CSV file holding the recent values to forecast from, not "
              + inputs.size()
              + ".");
    }
    List<String> columns = SeriesForecaster.columnsOf(cp);
    Series recent = Series.fromCsv(Path.of(inputs.get(0)), String.join(",", columns));
    EngineChoice choice = family.inferenceEngine(SeriesForecaster.VARIANT, context);
    double[] next;
    try (SeriesForecaster model = SeriesForecaster.load(cp, choice)) {
      next = model.forecast(recent);
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "The next %d values of %s after the %d rows of %s:%n",
            next.length,
            columns.get(0),
            recent.length(),
            inputs.get(0)));
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < next.length; i++) {
      text.append(String.format(Locale.ROOT, "  t+%-3d %.6g%n", i + 1, next[i]));
      values.add(next[i]);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("column", columns.get(0));
    json.put("rows", recent.length());
    json.put("forecast", values);
    return new Report(text.toString(), json);
  }
}
