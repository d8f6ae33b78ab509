package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.ModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.image.LinePlot;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LSTM forecaster of a numeric series: it reads a window of normalised values of one or more
 * columns and predicts the next {@code horizon} values of the first, as changes from the last value
 * it read. The normalisation statistics of the training part are part of the model and of its
 * checkpoint. Close it to free its native memory.
 *
 * <pre>{@code
 * Series series = Series.fromCsv(Path.of("prices.csv"), "price,volume");
 * try (SeriesForecaster model = SeriesForecaster.builder().set("horizon", 12).build()) {
 *   model.fit(series, Path.of("runs/prices"));
 * }
 * try (SeriesForecaster model = SeriesForecaster.load(Path.of("runs/prices"))) {
 *   double[] next = model.forecast(series);
 * }
 * }</pre>
 */
public final class SeriesForecaster implements AutoCloseable {

  static final String VARIANT = "lstm-forecast";
  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.state";
  static final String PLOT = "forecast.png";

  private final Hyperparameters hp;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final ForecastNet net;
  private List<String> columns;
  private Normalisation stats;

  SeriesForecaster(
      Hyperparameters hp,
      List<String> columns,
      Normalisation stats,
      EngineChoice choice,
      long seed) {
    this.hp = hp;
    this.columns = columns;
    this.stats = stats;
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.net =
        new ForecastNet(
            hp.getInt("hidden"),
            hp.getInt("layers"),
            (float) hp.getDouble("dropout"),
            hp.getInt("horizon"));
    int width = columns == null ? 1 : columns.size();
    net.initialize(manager, DataType.FLOAT32, new Shape(1, hp.getInt("window"), width));
  }

  /** Starts a builder for a new, untrained forecaster. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved forecaster on the best engine that can run it. */
  public static SeriesForecaster load(Path checkpoint) {
    return SavedModels.load(new RnnFamily(), checkpoint, null, SeriesForecaster::load);
  }

  static SeriesForecaster load(Checkpoint cp, EngineChoice choice) {
    return load(cp, choice, Hyperparameters.of(cp.info().hyperparameters()));
  }

  /** Loads a checkpoint with {@code hp} (its own, perhaps with a longer training run). */
  static SeriesForecaster load(Checkpoint cp, EngineChoice choice, Hyperparameters hp) {
    CheckpointInfo info = cp.info();
    if (!VARIANT.equals(info.variant())) {
      throw new ZooException(
          "Checkpoint " + cp.dir() + " holds a " + info.variant() + " model, not a forecaster.");
    }
    Map<String, Object> extra = info.extra();
    if (extra == null || !(extra.get("columns") instanceof List<?> names)) {
      throw new ZooException("Checkpoint " + cp.dir() + " has no normalisation statistics.");
    }
    SeriesForecaster model =
        new SeriesForecaster(
            hp,
            names.stream().map(String::valueOf).toList(),
            new Normalisation(
                Normalisation.fromList(extra.get("mean")),
                Normalisation.fromList(extra.get("std"))),
            choice,
            info.seed());
    try {
      cp.loadParameters(PARAMETERS, model.net, model.manager);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /** The column names a forecaster checkpoint reads, the target first. */
  static List<String> columnsOf(Checkpoint cp) {
    Map<String, Object> extra = cp.info().extra();
    if (!VARIANT.equals(cp.info().variant())) {
      throw new ZooException(
          "Checkpoint "
              + cp.dir()
              + " holds a "
              + cp.info().variant()
              + " model, not a forecaster.");
    }
    if (extra == null || !(extra.get("columns") instanceof List<?> names)) {
      throw new ZooException("Checkpoint " + cp.dir() + " has no column names.");
    }
    return names.stream().map(String::valueOf).toList();
  }

  /** Trains on the first part of {@code series} and evaluates on the rest, into {@code runDir}. */
  public TrainingSummary fit(Series series, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(series, runDir, null, System.err, false);
  }

  TrainingSummary fit(
      Series series, Path runDir, Checkpoint resume, PrintStream log, boolean interactive) {
    TrainingLoop.checkSettings(hp);
    SeriesWindows windows = windows(series, resume == null);
    ForecastTraining task = new ForecastTraining(this, windows);
    try {
      return TrainingLoop.builder(task)
          .epochs(hp.getInt("epochs"))
          .steps(hp.getInt("steps"))
          .batchSize(hp.getInt("batch_size"))
          .seed(seed)
          .runDir(runDir)
          .log(log)
          .interactive(interactive)
          .build()
          .run(resume);
    } finally {
      task.close();
    }
  }

  private SeriesWindows windows(Series series, boolean fresh) {
    int end =
        SeriesWindows.trainEnd(
            series.length(),
            hp.getInt("window"),
            hp.getInt("horizon"),
            hp.getDouble("test_fraction"));
    if (fresh) {
      if (series.width() != columns.size()) {
        throw new ZooException(
            "The series has "
                + series.width()
                + " column(s) but this forecaster reads "
                + columns.size()
                + ".");
      }
      columns = series.names();
      stats = Normalisation.of(series, end);
    } else {
      checkColumns(series);
    }
    return new SeriesWindows(series, stats, hp.getInt("window"), hp.getInt("horizon"), end);
  }

  private void checkColumns(Series series) {
    if (!series.names().equals(columns)) {
      throw new ZooException(
          "This forecaster reads the columns "
              + String.join(", ", columns)
              + ", not "
              + String.join(", ", series.names())
              + ".");
    }
  }

  /** Errors on the evaluation part of {@code series} (its last {@code test_fraction}). */
  public ForecastScore score(Series series) {
    checkColumns(series);
    return score(windows(series, false));
  }

  ForecastScore score(SeriesWindows windows) {
    int[] origins = windows.testOrigins();
    int horizon = windows.horizon();
    double[] target = windows.series().column(0);
    double[] forecast = new double[origins.length * horizon];
    double[] naive = new double[forecast.length];
    float[] predicted = predict(windows.inputs(windows.startsFor(origins)), origins.length);
    double absolute = 0;
    double squared = 0;
    double naiveAbsolute = 0;
    double naiveSquared = 0;
    for (int i = 0; i < forecast.length; i++) {
      int t = origins[i / horizon] + i % horizon;
      forecast[i] =
          stats.invert(
              0, predicted[i] + windows.lastInput(origins[i / horizon] - windows.window()));
      naive[i] = target[origins[i / horizon] - 1];
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

  /** Draws the evaluation part: actual values, the model's and the last-value forecasts. */
  void plot(SeriesWindows windows, ForecastScore score, Path png, String title) {
    double[] target = windows.series().column(0);
    int from = Math.max(0, score.start() - 2 * windows.window());
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
        .yLabel(columns.get(0))
        .series("actual", xs, actual, 0x263238)
        .series("forecast", fx, score.forecast(), 0xD84315)
        .series("last value", fx, score.naive(), 0x90A4AE)
        .write(png);
  }

  /** The next {@code horizon} values after the end of {@code recent}, which needs a window. */
  public double[] forecast(Series recent) {
    checkColumns(recent);
    int window = hp.getInt("window");
    if (recent.length() < window) {
      throw new ZooException(
          "A forecast needs the last "
              + window
              + " values of the series, but it has only "
              + recent.length()
              + ".");
    }
    Series tail = recent.last(window);
    float[] inputs = new float[window * tail.width()];
    for (int t = 0; t < window; t++) {
      for (int c = 0; c < tail.width(); c++) {
        inputs[t * tail.width() + c] = (float) stats.apply(c, tail.column(c)[t]);
      }
    }
    float[] predicted = predict(inputs, 1);
    float last = inputs[(window - 1) * tail.width()];
    double[] out = new double[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = stats.invert(0, predicted[i] + last);
    }
    return out;
  }

  private float[] predict(float[] inputs, int rows) {
    try (NDManager scope = manager.newSubManager()) {
      return forward(scope, inputs, rows, false).toFloatArray();
    }
  }

  NDArray forward(NDManager scope, float[] inputs, int rows, boolean training) {
    int window = hp.getInt("window");
    NDArray x =
        scope.create(
            FloatBuffer.wrap(inputs, 0, rows * window * columns.size()),
            new Shape(rows, window, columns.size()),
            DataType.FLOAT32);
    return net.forward(new ParameterStore(scope, false), new NDList(x), training).head();
  }

  /** Saves the forecaster as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writer.putParameters(PARAMETERS, net);
      return writer.commit(describe(0, Map.of()));
    }
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("columns", columns);
    extra.put("mean", stats.meanList());
    extra.put("std", stats.stdList());
    return new ModelDescription(
            RnnFamily.NAME,
            VARIANT,
            hp,
            List.of(hp.getInt("window"), columns.size()),
            List.of(),
            choice,
            seed)
        .at(manager.getEngine(), epoch, metrics, extra);
  }

  ForecastNet net() {
    return net;
  }

  NDManager manager() {
    return manager;
  }

  long seed() {
    return seed;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The columns the forecaster reads, the forecast target first. */
  public List<String> columns() {
    return columns;
  }

  /** The number of values each forecast gives. */
  public int horizon() {
    return hp.getInt("horizon");
  }

  /** Frees the model's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  /** Builds a new, untrained {@link SeriesForecaster} ({@code lstm-forecast}). */
  public static final class Builder extends ModelBuilder<Builder> {
    private int columnCount = 1;

    private Builder() {
      super(new RnnFamily(), VARIANT);
    }

    /** How many columns the series will have (default 1: the target alone). */
    public Builder columns(int count) {
      this.columnCount = count;
      return this;
    }

    /** Builds the forecaster on its engine. */
    public SeriesForecaster build() {
      if (!variantName().equals(VARIANT)) {
        throw new ZooException(
            "Variant " + variantName() + " is not a forecaster; use " + VARIANT + ".");
      }
      Hyperparameters hp = hyperparameters();
      RnnFamily.checkForecastSettings(hp);
      List<String> placeholder = java.util.Collections.nCopies(columnCount, "?");
      return new SeriesForecaster(hp, placeholder, null, chooseEngine(), seed());
    }
  }
}
