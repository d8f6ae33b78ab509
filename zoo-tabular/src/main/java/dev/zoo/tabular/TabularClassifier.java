package dev.zoo.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ModelBuilder;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A classifier of the rows of a CSV table of numbers, a multilayer perceptron (Rumelhart, Hinton
 * and Williams, 1986) as scikit-learn's {@code MLPClassifier} behind a {@code StandardScaler}
 * builds it: dense layers of 64, 32 and 16 units with ReLU, then one logit and a sigmoid for two
 * classes (binary cross-entropy), one logit per class and a softmax for more (cross-entropy).
 * Inputs are standardised with the training table's means and standard deviations, which {@code
 * model.json} keeps. Hyper-parameter {@code label} names the class column (blank: the last); the
 * other columns are the features. {@code CsvTable.read(file).split(seed, 0.2)} gives a training and
 * a test table; {@code builder().data(train).build()} a model to {@code fit} on them.
 */
public final class TabularClassifier extends BaseModel<CsvTable> {

  private final List<String> columns;
  private final float[][] standardisation = new float[2][];
  private final SequentialBlock block = new SequentialBlock();

  @SuppressWarnings("unchecked")
  TabularClassifier(ModelDescription description) {
    super(description);
    columns = (List<String>) description.extra().get("columns");
    for (int s = 0; s < 2; s++) {
      List<Number> values = (List<Number>) description.extra().get(s == 0 ? "mean" : "std");
      standardisation[s] = new float[values.size()];
      for (int i = 0; i < values.size(); i++) {
        standardisation[s][i] = values.get(i).floatValue();
      }
    }
    for (int units : new int[] {64, 32, 16}) {
      block.add(Linear.builder().setUnits(units).build()).add(Activation::relu);
    }
    block.add(Linear.builder().setUnits(labels().size() == 2 ? 1 : labels().size()).build());
    block.initialize(manager(), DataType.FLOAT32, new Shape(1, columns.size()));
  }

  /** A new model of {@code train}'s label classes and feature columns with their statistics. */
  static ModelDescription describe(CsvTable train, Hyperparameters hp, EngineChoice on, long seed) {
    List<String> columns = new ArrayList<>(train.header());
    String label = hp.get("label").isBlank() ? columns.get(columns.size() - 1) : hp.get("label");
    columns.remove(train.column(label));
    List<String> classes = train.distinct(label);
    if (classes.size() < 2) {
      throw new InvalidDataException(
          String.format(
              "Column %s of %s holds %d classes; a classifier needs two or more.",
              label, train.source(), classes.size()));
    }
    List<Double> mean = new ArrayList<>();
    List<Double> std = new ArrayList<>();
    for (String column : columns) {
      double[] v = train.numbers(column);
      double m = Arrays.stream(v).average().orElse(0);
      double s = Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0));
      mean.add(m);
      std.add(s > 0 ? s : 1);
    }
    List<Integer> shape = List.of(columns.size());
    hp = hp.with(Map.of("label", label));
    return ModelDescription.of(TabularFamily.NAME, "mlp", hp, shape, classes, on, seed)
        .withExtra(Map.of("columns", columns, "mean", mean, "std", std));
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved classifier on the best engine that can run it ({@code ZOO_ENGINE} if set). */
  public static TabularClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or on the best
   * when {@code engine} is null.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  public static TabularClassifier load(Path checkpoint, String engine) {
    return ModelLoader.load(new TabularFamily(), checkpoint, engine, TabularClassifier::open);
  }

  static TabularClassifier open(Checkpoint checkpoint, ModelDescription description) {
    TabularClassifier model = new TabularClassifier(description);
    model.restore(checkpoint);
    return model;
  }

  /**
   * Trains with the hyper-parameters' epochs, batch size and optimizer, measuring the accuracy on
   * {@code validation} after every epoch.
   *
   * @throws InvalidDataException when a table lacks a column or holds an unknown class or a value
   *     that is not a number
   */
  @Override
  public TrainingSummary fit(CsvTable train, CsvTable validation, Path runDir, FitOptions options) {
    validation.codes(label(), labels());
    validation.matrix(columns);
    int[] y = train.codes(label(), labels());
    var task = new TableTraining(this, train.matrix(columns), y, validation);
    return train(task, StepPlan.of(hyperparameters(), y.length), train, runDir, options);
  }

  /**
   * Accuracy, per-class precision, recall and F1, and the confusion matrix on {@code table}.
   *
   * @throws InvalidDataException when the table lacks a column or holds an unknown class
   */
  public ClassificationMetrics evaluate(CsvTable table) {
    return metrics(table.codes(label(), labels()), probabilities(table.matrix(columns)));
  }

  /** The metrics of rows of classes {@code y} with class probabilities {@code p}, row-major. */
  ClassificationMetrics metrics(int[] y, float[] p) {
    ClassificationMetrics metrics = new ClassificationMetrics(labels());
    int k = labels().size();
    for (int i = 0; i < y.length; i++) {
      float[] row = Arrays.copyOfRange(p, i * k, i * k + k);
      metrics.add(y[i], Classification.top(row, labels(), 1).get(0).index());
    }
    return metrics;
  }

  /**
   * The {@code k} most likely classes of one row of the model's {@link #columns()}, as read.
   *
   * @throws InvalidDataException when the row has another number of values
   */
  public List<Classification> predict(float[] row, int k) {
    if (row.length != columns.size()) {
      throw new InvalidDataException(
          "A row of " + row.length + " values does not fit the model's " + columns + ".");
    }
    return Classification.top(probabilities(row), labels(), k);
  }

  /** Class probabilities {@code (rows, classes)}, row-major, of rows of the model's columns. */
  float[] probabilities(float[] rows) {
    try (NDManager scope = manager().newSubManager()) {
      NDArray logits = forward(scope, rows, false);
      if (labels().size() > 2) {
        return logits.softmax(1).toFloatArray();
      }
      NDArray p = Activation.sigmoid(logits);
      return p.neg().add(1).concat(p, 1).toFloatArray();
    }
  }

  /** Logits {@code (n, 1)} for two classes, else {@code (n, classes)}, of {@code n} rows. */
  NDArray forward(NDManager scope, float[] rows, boolean training) {
    int d = columns.size();
    float[] z = new float[rows.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (rows[i] - standardisation[0][i % d]) / standardisation[1][i % d];
    }
    NDList input = new NDList(scope.create(z, new Shape(rows.length / d, d)));
    return block.forward(new ParameterStore(scope, false), input, training).head();
  }

  /** The name of the class column. */
  public String label() {
    return hyperparameters().get("label");
  }

  /** The feature columns the model takes, in order. */
  public List<String> columns() {
    return columns;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(block));
  }

  /** Builds a new, untrained {@link TabularClassifier}; variant {@code mlp}. */
  public static final class Builder extends ModelBuilder<Builder> {

    private CsvTable train;

    private Builder() {
      super(new TabularFamily());
    }

    /** The training table, which gives the classes, the features and their statistics. */
    public Builder data(CsvTable table) {
      this.train = table;
      return this;
    }

    /**
     * Builds the classifier on its engine.
     *
     * @throws InvalidSettingException without a training table, or for a bad hyper-parameter
     * @throws InvalidDataException without the label column, or for a value that is not a number
     * @throws dev.zoo.api.common.EngineException when no engine can train the model
     */
    public TabularClassifier build() {
      if (train == null) {
        throw new InvalidSettingException("Give the builder its training table with data(table).");
      }
      return new TabularClassifier(describe(train, hyperparameters(), chooseEngine(), seed()));
    }
  }
}
