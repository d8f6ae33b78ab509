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
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.data.TableFeatures;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifierTask;
import dev.zoo.api.model.ModelBuilder;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.nn.Batches;
import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A classifier of the rows of a CSV table of numbers: a multilayer perceptron (Rumelhart, Hinton
 * and Williams, 1986) as scikit-learn's {@code MLPClassifier} behind a {@code StandardScaler}
 * builds it — dense 64, 32 and 16 with ReLU, then one logit {@code (N, 1)} with a sigmoid for two
 * classes, else {@code (N, classes)} logits with a softmax — over the {@link TableFeatures} of its
 * training table. Hyper-parameter {@code label} names the class column (blank: the last).
 */
public final class TabularClassifier extends BaseModel<CsvTable> {

  private final TableFeatures features =
      TableFeatures.fromMap(description().extra(), label(), labels());
  private final SequentialBlock block;

  TabularClassifier(ModelDescription description) {
    super(description);
    block = network(labels().size());
    block.initialize(manager(), DataType.FLOAT32, new Shape(1, features.columns().size()));
  }

  /**
   * The multi-layer perceptron: dense layers of 64, 32 and 16 units with ReLU, then one logit for
   * two classes or one per class; rows {@code (N, columns)} to {@code (N, 1)} or {@code (N,
   * classes)}. Not initialised.
   */
  static SequentialBlock network(int classes) {
    SequentialBlock net = new SequentialBlock();
    for (int units : new int[] {64, 32, 16}) {
      net.add(Linear.builder().setUnits(units).build()).add(Activation::relu);
    }
    return net.add(Linear.builder().setUnits(classes == 2 ? 1 : classes).build());
  }

  /** {@code base} made the description of a new model of {@code train}'s features. */
  static ModelDescription describe(CsvTable train, ModelDescription base) {
    TableFeatures f = TableFeatures.of(train, base.hyperparameters().get("label"));
    return base.shapedBy(
        base.hyperparameters().with(Map.of("label", f.label())),
        List.of(f.columns().size()),
        f.classes(),
        f.toMap());
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the pretrained model called {@code name} from the zoo-models jar on the class path, e.g.
   * {@code breast-cancer/mlp} ({@code zoo models} lists them with their model cards), on the best
   * engine that can run it; its files are checked against their SHA-256 first.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws dev.zoo.api.common.CheckpointException when its files are missing or damaged
   */
  public static TabularClassifier pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, new TabularFamily().name()));
  }

  /** Loads a saved classifier on the best engine that can run it ({@code ZOO_ENGINE} if set). */
  public static TabularClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or the best.
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  public static TabularClassifier load(Path checkpoint, String engine) {
    return ModelLoader.load(new TabularFamily(), checkpoint, engine, TabularClassifier::new);
  }

  /**
   * Trains with the hyper-parameters' epochs, batch size and optimizer; test accuracy on {@code
   * validation} after every epoch.
   *
   * @throws InvalidDataException when a table lacks a column, holds an unknown class or a value
   *     that is not a number
   */
  @Override
  public TrainingSummary fit(CsvTable train, CsvTable validation, Path runDir, FitOptions options) {
    features.rows(validation);
    var task =
        ClassifierTask.of(
            this,
            features.rows(train),
            this::forward,
            epoch -> Map.of("test_accuracy", evaluate(validation).accuracy()),
            "rows");
    return train(task, StepPlan.of(hyperparameters(), train.rows().size()), train, runDir, options);
  }

  /**
   * Accuracy, per-class and macro figures, the confusion matrix and, for two classes, the ROC-AUC
   * of the second class's probability on {@code table}.
   *
   * @throws InvalidDataException when the table lacks a column or holds an unknown class
   */
  public ClassificationMetrics evaluate(CsvTable table) {
    ClassificationMetrics metrics = new ClassificationMetrics(labels());
    int[] classes = table.codes(label(), labels());
    metrics.addProbabilities(classes, standardisedProbabilities(features.standardised(table)));
    return metrics;
  }

  /**
   * The {@code k} most likely classes of one row of the model's {@link #columns()}, as read.
   *
   * @throws InvalidDataException when the row has another number of values
   */
  public List<Classification> predict(float[] row, int k) {
    return Classification.top(standardisedProbabilities(features.standardised(row)), labels(), k);
  }

  /**
   * The class probabilities of many rows at once: {@code rows} holds N rows of the model's {@link
   * #columns()}, as read, one after the other (N times the number of columns); the result holds N
   * rows of one probability per class of {@link #labels()}, in [0, 1] and summing to 1 in each row.
   * One call for many rows is much faster than one {@link #predict(float[], int)} per row.
   *
   * @throws InvalidDataException when the values do not make whole rows
   */
  public float[] probabilities(float[] rows) {
    return standardisedProbabilities(features.standardisedRows(rows));
  }

  private float[] standardisedProbabilities(float[] rows) {
    try (NDManager scope = manager().newSubManager()) {
      int n = rows.length / columns().size();
      return Classification.probabilities(forward(scope, rows, n, false));
    }
  }

  /** The feature columns and their standardisation. */
  TableFeatures features() {
    return features;
  }

  /** The network, rows {@code (N, columns)} of standardised values to logits. */
  SequentialBlock block() {
    return block;
  }

  /** Logits {@code (n, 1)} for two classes, else {@code (n, classes)}, of standardised rows. */
  NDArray forward(NDManager scope, float[] rows, int n, boolean training) {
    NDArray x = Batches.of(scope, rows, new Shape(n, columns().size()));
    return block.forward(new ParameterStore(scope, false), new NDList(x), training).head();
  }

  /** The name of the class column. */
  public String label() {
    return hyperparameters().get("label");
  }

  /** The feature columns the model takes, in order. */
  public List<String> columns() {
    return features.columns();
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
      return new TabularClassifier(
          describe(train, description(hyperparameters(), List.of(), List.of())));
    }
  }

  /** Fine-tuning starts from a saved classifier of any label set, on this model's engine. */
  @Override
  protected TabularClassifier openToStartFrom(Path checkpoint) {
    return load(checkpoint, engine().backend().name());
  }
}
