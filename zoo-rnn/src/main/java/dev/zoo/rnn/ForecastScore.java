package dev.zoo.rnn;

import dev.zoo.api.data.Standardisation;

/**
 * Forecast errors on the evaluation part of a series, in the target column's own units, next to the
 * naive forecast that repeats the last known value.
 *
 * @param mae mean absolute error of the model
 * @param rmse root mean squared error of the model
 * @param naiveMae mean absolute error of the last-value forecast
 * @param naiveRmse root mean squared error of the last-value forecast
 * @param start the first forecast step
 * @param forecast the model's forecasts from {@code start} on, block after block
 * @param naive the last-value forecasts for the same steps
 */
public record ForecastScore(
    double mae,
    double rmse,
    double naiveMae,
    double naiveRmse,
    int start,
    double[] forecast,
    double[] naive) {

  /**
   * The score of {@code predicted}, the model's normalised changes {@code (blocks, horizon)} for
   * the evaluation blocks of {@code windows}, turned back into values with {@code stats}.
   */
  static ForecastScore of(SeriesWindows windows, float[] predicted, Standardisation stats) {
    int[] origins = windows.testOrigins();
    int horizon = windows.horizon();
    double[] target = windows.series().column(0);
    double[] forecast = new double[origins.length * horizon];
    double[] naive = new double[forecast.length];
    double absolute = 0;
    double squared = 0;
    double naiveAbsolute = 0;
    double naiveSquared = 0;
    for (int i = 0; i < forecast.length; i++) {
      int origin = origins[i / horizon];
      int t = origin + i % horizon;
      forecast[i] = stats.invert(0, predicted[i] + windows.lastInput(origin - windows.context()));
      naive[i] = target[origin - 1];
      absolute += Math.abs(forecast[i] - target[t]);
      squared += (forecast[i] - target[t]) * (forecast[i] - target[t]);
      naiveAbsolute += Math.abs(naive[i] - target[t]);
      naiveSquared += (naive[i] - target[t]) * (naive[i] - target[t]);
    }
    int n = forecast.length;
    return new ForecastScore(
        absolute / n,
        Math.sqrt(squared / n),
        naiveAbsolute / n,
        Math.sqrt(naiveSquared / n),
        origins[0],
        forecast,
        naive);
  }
}
