package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.train.TrainingSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the forecaster's commands print: after training (the shared {@link TrainingReport} with the
 * forecast errors and the plot), after evaluation, and the forecast of {@code zoo predict}. Errors
 * are in the target column's own units, next to the last-value forecast's.
 */
final class ForecastReports {

  private ForecastReports() {}

  /** The report of a training run, with the errors on the held-out part of {@code series}. */
  static Report training(
      TrainingSummary summary, Series series, SeriesForecaster model, ForecastScore score) {
    TrainingReport report =
        TrainingReport.of(
                RnnFamily.NAME + "/" + SeriesForecaster.VARIANT,
                summary,
                "windows",
                series.source())
            .line(errors(model, score))
            .file("plot", ForecastTraining.PLOT);
    figures(model, score).forEach(report::figure);
    return report.report();
  }

  /** The report of {@code zoo eval}: the errors on the held-out part of {@code series}. */
  static Report evaluation(
      Checkpoint cp, Series series, SeriesForecaster model, ForecastScore score) {
    String text =
        String.format(
            Locale.ROOT,
            "Evaluated %s on %s.%n%s%n",
            cp.dir(),
            series.source(),
            errors(model, score));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", RnnFamily.NAME);
    json.put("variant", SeriesForecaster.VARIANT);
    json.putAll(figures(model, score));
    json.put("data", series.source());
    json.put("checkpoint", cp.dir().toString());
    return new Report(text, json);
  }

  /** The report of {@code zoo predict}: the next values after the rows of {@code file}. */
  static Report prediction(
      Checkpoint cp, String column, Series recent, String file, double[] next) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "The next %d values of %s after the %d rows of %s:%n",
            next.length,
            column,
            recent.length(),
            file));
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < next.length; i++) {
      text.append(String.format(Locale.ROOT, "  t+%-3d %.6g%n", i + 1, next[i]));
      values.add(next[i]);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("column", column);
    json.put("rows", recent.length());
    json.put("forecast", values);
    return new Report(text.toString(), json);
  }

  private static String errors(SeriesForecaster model, ForecastScore score) {
    return String.format(
        Locale.ROOT,
        "Forecasts of %d steps over the last %d values of %s: MAE %.4f, RMSE %.4f;"
            + " last-value baseline MAE %.4f, RMSE %.4f.",
        model.horizon(),
        score.forecast().length,
        model.columns().get(0),
        score.mae(),
        score.rmse(),
        score.naiveMae(),
        score.naiveRmse());
  }

  private static Map<String, Object> figures(SeriesForecaster model, ForecastScore score) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("column", model.columns().get(0));
    json.put("columns", model.columns());
    json.put("horizon", model.horizon());
    json.put("evaluated_steps", score.forecast().length);
    json.put("mae", score.mae());
    json.put("rmse", score.rmse());
    json.put("naive_mae", score.naiveMae());
    json.put("naive_rmse", score.naiveRmse());
    return json;
  }
}
