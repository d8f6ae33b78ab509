package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingTask;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link SeriesForecaster} with the squared error of the normalised next values, and after
 * every epoch scores it on the evaluation part next to the last-value forecast and draws {@value
 * SeriesForecaster#PLOT}.
 */
final class ForecastTraining implements TrainingTask, AutoCloseable {

  private final SeriesForecaster model;
  private final SeriesWindows windows;
  private final Loss loss = Loss.l2Loss();
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;

  ForecastTraining(SeriesForecaster model, SeriesWindows windows) {
    this.model = model;
    this.windows = windows;
    Hyperparameters hp = model.hyperparameters();
    double lr = hp.getDouble("learning_rate");
    this.optimizerScope = model.manager().newSubManager();
    this.optimizer = Adam.of(optimizerScope, (float) lr);
    int batch = hp.getInt("batch_size");
    long perEpoch = (windows.trainSize() + batch - 1) / batch;
    long total = hp.getInt("steps") > 0 ? hp.getInt("steps") : perEpoch * hp.getInt("epochs");
    this.schedule = Schedule.of(hp.get("schedule"), lr, total, 0);
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return windows.trainSize();
  }

  @Override
  public String unit() {
    return "windows";
  }

  @Override
  public Map<String, Double> trainBatch(NDManager batch, int[] indices) {
    int n = indices.length;
    float[] targets = windows.targets(indices);
    NDArray y =
        batch.create(FloatBuffer.wrap(targets), new Shape(n, windows.horizon()), DataType.FLOAT32);
    float value;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray predicted = model.forward(batch, windows.inputs(indices), n, true);
      NDArray l = loss.evaluate(new NDList(y), new NDList(predicted));
      collector.backward(l);
      value = l.getFloat();
    }
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(model.net());
    return Map.of("loss", (double) value);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    ForecastScore score = model.score(windows);
    model.plot(
        windows,
        score,
        runDir.resolve(SeriesForecaster.PLOT),
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

  @Override
  public void save(CheckpointWriter writer) {
    writer.putParameters(SeriesForecaster.PARAMETERS, model.net());
    writer.put(SeriesForecaster.OPTIMIZER, optimizer::save);
  }

  @Override
  public void restore(Checkpoint checkpoint) {
    checkpoint.loadParameters(SeriesForecaster.PARAMETERS, model.net(), model.manager());
    OptimizerState.restore(checkpoint, SeriesForecaster.OPTIMIZER, optimizer);
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.describe(epoch, metrics);
  }

  @Override
  public void close() {
    optimizerScope.close();
  }
}
