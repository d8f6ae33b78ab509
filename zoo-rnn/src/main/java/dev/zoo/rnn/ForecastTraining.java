package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.image.LinePlot;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link SeriesForecaster} with the squared error (DJL's L2 loss, half the mean square) of
 * the normalised next values, and after every epoch scores it on the evaluation part next to the
 * last-value forecast and draws {@value #PLOT}.
 */
final class ForecastTraining extends SingleNetworkTask<SeriesForecaster> {

  /** The plot of the evaluation part written into the run directory. */
  static final String PLOT = "forecast.png";

  private final SeriesWindows windows;
  private final Loss loss = Loss.l2Loss();

  ForecastTraining(SeriesForecaster model, SeriesWindows windows) {
    super(model, windows.trainSize(), "windows");
    this.windows = windows;
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    NDArray y =
        batch.create(
            FloatBuffer.wrap(windows.targets(indices)),
            new Shape(n, windows.horizon()),
            DataType.FLOAT32);
    NDArray value;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray predicted = model.forward(batch, windows.inputs(indices), n, true);
      value = loss.evaluate(new NDList(y), new NDList(predicted));
      collector.backward(value);
    }
    step.update();
    return StepMetrics.loss(value);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    ForecastScore score = model.score(windows);
    plot(
        score,
        runDir.resolve(PLOT),
        String.format(
            Locale.ROOT,
            "Forecasts of %d steps, epoch %d: MAE %.3g (last value %.3g)",
            windows.horizon(),
            epoch,
            score.mae(),
            score.naiveMae()));
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("mae", score.mae());
    result.put("rmse", score.rmse());
    result.put("naive_mae", score.naiveMae());
    result.put("naive_rmse", score.naiveRmse());
    return result;
  }

  /** Draws the evaluation part: actual values, the model's and the last-value forecasts. */
  private void plot(ForecastScore score, Path png, String title) {
    double[] target = windows.series().column(0);
    int from = Math.max(0, score.start() - 2 * windows.context());
    int to = score.start() + score.forecast().length;
    double[] xs = new double[to - from];
    double[] actual = new double[to - from];
    for (int t = from; t < to; t++) {
      xs[t - from] = t;
      actual[t - from] = target[t];
    }
    double[] fx = new double[score.forecast().length];
    for (int i = 0; i < fx.length; i++) {
      fx[i] = score.start() + i;
    }
    LinePlot.builder()
        .title(title)
        .xLabel("step")
        .yLabel(model.columns().get(0))
        .series("actual", xs, actual, 0x263238)
        .series("forecast", fx, score.forecast(), 0xD84315)
        .series("last value", fx, score.naive(), 0x90A4AE)
        .write(png);
  }
}
