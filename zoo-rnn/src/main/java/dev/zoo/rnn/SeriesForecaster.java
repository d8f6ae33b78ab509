package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.Standardisation;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.ModelBuilder;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LSTM forecaster of a numeric series ({@link ForecastNet}), usable from any application: it
 * reads {@code context} normalised values of one or more columns, {@code (N, context, columns)},
 * and predicts the next {@code horizon} values of the first, {@code (N, horizon)}, as changes from
 * the last value it read. The columns and their normalisation (each column's mean and standard
 * deviation over the training series) are part of the model and of its checkpoint. Close it to free
 * its native memory; see {@link BaseModel} on threads.
 *
 * <p>An LSTM (Hochreiter and Schmidhuber, 1997) reads the window and a linear layer maps its last
 * hidden state to all {@code horizon} values at once (the direct multi-step strategy, Taieb et al.,
 * "A review and comparison of strategies for multi-step ahead time series forecasting", 2012).
 * Errors are measured next to the last-value (naive) forecast, the baseline of Hyndman and
 * Athanasopoulos, "Forecasting: Principles and Practice".
 *
 * <pre>{@code
 * Series series = Series.fromCsv(Path.of("prices.csv"), "price,volume");
 * Series train = series.first(800);
 * Series validation = series.last(series.length() - 800);
 * try (SeriesForecaster model =
 *     SeriesForecaster.builder().normalisationFrom(train).set("horizon", 12).build()) {
 *   model.fit(train, validation, Path.of("runs/prices"));
 * }
 * try (SeriesForecaster model = SeriesForecaster.load(Path.of("runs/prices"))) {
 *   double[] next = model.forecast(series);
 * }
 * }</pre>
 */
public final class SeriesForecaster extends BaseModel<Series> {

  /** The forecaster's variant name. */
  static final String VARIANT = "lstm-forecast";

  private final List<String> columns;
  private final Standardisation stats;
  private final ForecastNet net;

  SeriesForecaster(ModelDescription description) {
    this(description, columnsOf(description.extra(), "The forecaster"), statsOf(description));
  }

  private SeriesForecaster(
      ModelDescription description, List<String> columns, Standardisation stats) {
    super(description);
    this.columns = columns;
    this.stats = stats;
    Hyperparameters hp = description.hyperparameters();
    this.net =
        new ForecastNet(
            hp.getInt("hidden"),
            hp.getInt("layers"),
            (float) hp.getDouble("dropout"),
            hp.getInt("horizon"));
    net.initialize(manager(), DataType.FLOAT32, new Shape(1, context(), columns.size()));
  }

  /**
   * The description of a new forecaster that reads {@code train}'s columns, normalised with their
   * mean and standard deviation over {@code train}.
   */
  static ModelDescription description(
      Hyperparameters hp, Series train, EngineChoice choice, long seed) {
    return ModelDescription.of(
            RnnFamily.NAME, VARIANT, hp, inputShape(hp, train), List.of(), choice, seed)
        .withExtra(extra(train));
  }

  private static List<Integer> inputShape(Hyperparameters hp, Series train) {
    return List.of(hp.getInt("context"), train.width());
  }

  private static Map<String, Object> extra(Series train) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("columns", train.names());
    // A constant column would divide by zero; it carries no information either way.
    Standardisation stats =
        Standardisation.of(train.columns(), train.length(), s -> Math.max(s, 1e-8));
    extra.putAll(stats.toMap());
    return extra;
  }

  /** Starts a builder for a new, untrained forecaster. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a saved forecaster on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws CheckpointException when the checkpoint is missing, corrupted, of another family or of
   *     a language model
   */
  public static SeriesForecaster load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved forecaster on the named engine ({@code pytorch}, {@code mxnet}), or the best.
   *
   * @throws CheckpointException when the checkpoint is missing, corrupted, of another family or of
   *     a language model
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static SeriesForecaster load(Path checkpoint, String engine) {
    return ModelLoader.load(new RnnFamily(), checkpoint, engine, SeriesForecaster::open);
  }

  static SeriesForecaster open(Checkpoint checkpoint, ModelDescription description) {
    columnsOf(checkpoint);
    SeriesForecaster model = new SeriesForecaster(description);
    model.restore(checkpoint);
    return model;
  }

  /**
   * The column names a forecaster checkpoint reads, the target first.
   *
   * @throws CheckpointException when it holds a language model or lacks its columns
   */
  static List<String> columnsOf(Checkpoint checkpoint) {
    String variant = checkpoint.info().variant();
    if (!VARIANT.equals(variant)) {
      throw new CheckpointException(
          "Checkpoint " + checkpoint.dir() + " holds a " + variant + " model, not a forecaster.");
    }
    return columnsOf(checkpoint.info().extra(), "Checkpoint " + checkpoint.dir());
  }

  private static List<String> columnsOf(Map<String, Object> extra, String what) {
    if (extra == null || !(extra.get("columns") instanceof List<?> names) || names.isEmpty()) {
      throw new CheckpointException(what + " has no column names.");
    }
    return names.stream().map(String::valueOf).toList();
  }

  private static Standardisation statsOf(ModelDescription description) {
    try {
      return Standardisation.fromMap(description.extra());
    } catch (RuntimeException e) {
      throw new CheckpointException("The forecaster has no normalisation statistics.", e);
    }
  }

  /**
   * Trains on the windows that lie wholly in {@code train}; after every epoch it forecasts {@code
   * validation} (the values that follow {@code train}) block by block, each block of {@code
   * horizon} values from the {@code context} values before it, scores the forecasts next to the
   * last-value forecast and draws them into {@code forecast.png} in {@code runDir}.
   *
   * @throws InvalidDataException when a series has other columns than the model, {@code train} is
   *     too short for one window and its horizon, or {@code validation} is missing or shorter than
   *     the horizon
   */
  @Override
  public TrainingSummary fit(Series train, Series validation, Path runDir, FitOptions options) {
    if (validation == null) {
      throw new InvalidDataException(
          "A forecaster needs a validation series: the values that follow the training series.");
    }
    checkColumns(train);
    checkColumns(validation);
    SeriesWindows windows = SeriesWindows.of(train, validation, stats, context(), horizon());
    ForecastTraining task = new ForecastTraining(this, windows);
    return train(task, StepPlan.of(hyperparameters(), task.trainSize()), train, runDir, options);
  }

  private void checkColumns(Series series) {
    if (!series.names().equals(columns)) {
      throw new InvalidDataException(
          "This forecaster reads the columns "
              + String.join(", ", columns)
              + ", not "
              + String.join(", ", series.names())
              + ".");
    }
  }

  /**
   * Errors on the last {@code test_fraction} of {@code series}, forecast block by block from the
   * {@code context} values before each block, next to the last-value forecast's.
   *
   * @throws InvalidDataException when the series has other columns or is too short
   */
  public ForecastScore score(Series series) {
    checkColumns(series);
    int end =
        SeriesWindows.trainEnd(
            series.length(), context(), horizon(), hyperparameters().getDouble("test_fraction"));
    return score(new SeriesWindows(series, stats, context(), horizon(), end));
  }

  /** Errors of the forecasts of every evaluation block of {@code windows}. */
  ForecastScore score(SeriesWindows windows) {
    int[] origins = windows.testOrigins();
    float[] predicted = predict(windows.inputs(windows.startsFor(origins)), origins.length);
    return ForecastScore.of(windows, predicted, stats);
  }

  /**
   * The next {@code horizon} values of the first column after the end of {@code recent}, which
   * needs at least {@code context} values.
   *
   * @throws InvalidDataException when the series has other columns or too few values
   */
  public double[] forecast(Series recent) {
    checkColumns(recent);
    int context = context();
    if (recent.length() < context) {
      throw new InvalidDataException(
          "A forecast needs the last "
              + context
              + " values of the series, but it has only "
              + recent.length()
              + ".");
    }
    Series tail = recent.last(context);
    float[] inputs = new float[context * tail.width()];
    for (int t = 0; t < context; t++) {
      for (int c = 0; c < tail.width(); c++) {
        inputs[t * tail.width() + c] = (float) stats.apply(c, tail.column(c)[t]);
      }
    }
    float[] predicted = predict(inputs, 1);
    float last = inputs[(context - 1) * tail.width()];
    double[] out = new double[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = stats.invert(0, predicted[i] + last);
    }
    return out;
  }

  private float[] predict(float[] inputs, int rows) {
    try (NDManager scope = manager().newSubManager()) {
      return forward(scope, inputs, rows, false).toFloatArray();
    }
  }

  /** Predicted changes {@code (rows, horizon)} of normalised inputs {@code (rows, context, C)}. */
  NDArray forward(NDManager scope, float[] inputs, int rows, boolean training) {
    NDArray x =
        scope.create(
            FloatBuffer.wrap(inputs, 0, rows * context() * columns.size()),
            new Shape(rows, context(), columns.size()),
            DataType.FLOAT32);
    return net.forward(new ParameterStore(scope, false), new NDList(x), training).head();
  }

  ForecastNet net() {
    return net;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(net));
  }

  /** The columns the forecaster reads, the forecast target first. */
  public List<String> columns() {
    return columns;
  }

  /** The number of values each forecast gives. */
  public int horizon() {
    return hyperparameters().getInt("horizon");
  }

  /** The number of past values each forecast reads. */
  public int context() {
    return hyperparameters().getInt("context");
  }

  /** Builds a new, untrained {@link SeriesForecaster} ({@code lstm-forecast}). */
  public static final class Builder extends ModelBuilder<Builder> {
    private Series train;

    private Builder() {
      super(new RnnFamily(), VARIANT);
    }

    /**
     * The series the model will train on: its columns become the model's (the first is forecast)
     * and each column's mean and standard deviation over it the model's normalisation.
     */
    public Builder normalisationFrom(Series train) {
      this.train = train;
      return this;
    }

    /**
     * Builds the forecaster on its engine.
     *
     * @throws InvalidSettingException for another variant, no series given to {@link
     *     #normalisationFrom}, or a bad hyper-parameter
     * @throws dev.zoo.api.common.EngineException when no engine can train the forecaster
     */
    public SeriesForecaster build() {
      if (!variantName().equals(VARIANT)) {
        throw new InvalidSettingException(
            "Variant " + variantName() + " is not a forecaster; use " + VARIANT + ".");
      }
      Hyperparameters hp = hyperparameters();
      RnnSettings.checkForecaster(hp);
      if (train == null) {
        throw new InvalidSettingException(
            "A forecaster needs the series it will train on (normalisationFrom(series)).");
      }
      return new SeriesForecaster(
          description(hp, inputShape(hp, train), List.of()).withExtra(extra(train)));
    }
  }
}
