package dev.zoo.rnn;

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
    double[] naive) {}
