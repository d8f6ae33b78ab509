package dev.zoo.tabular;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.AbstractFamily;
import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifiedInputs;
import dev.zoo.api.model.EvaluationReport;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.OnnxModels;
import dev.zoo.api.model.TrainingReport;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tabular family: classifiers of CSV tables of numbers ({@code --data FILE --label COLUMN}),
 * trained on 80% of the rows and tested on 20%, shuffled by the run's seed; by default on the
 * embedded {@code fruit.csv} (300 made-up fruits of three kinds, by {@code tools/make-fruit.py}).
 */
public final class TabularFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "tabular";

  /** A family of one variant, {@code mlp}, with the option {@code --label}. */
  public TabularFamily() {
    super(
        NAME,
        "classifiers of CSV tables of numbers (a multilayer perceptron)",
        List.of(
            new Variant(
                "mlp",
                Task.TABULAR_CLASSIFICATION,
                "dense 64-32-16 with ReLU over standardised columns",
                Hyperparameters.parse(
                    "epochs=40, batch_size=32, learning_rate=1e-3, schedule=cosine, label="))),
        List.of(
            FamilyOption.of(
                "--label", "label", "COLUMN", "The class column (default: the last).", "train")),
        EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR));
    benchmark((request, context) -> TabularBench.run(this, request, context));
  }

  /** The {@code --data} file, else the embedded table, split by {@code seed}: training, test. */
  static List<CsvTable> data(Path file, long seed) {
    CsvTable embedded =
        CsvTable.resource(TabularFamily.class, "fruit.csv")
            .withSource("the fruit table embedded in zoo-tabular");
    return (file != null ? CsvTable.read(file) : embedded).split(seed, 0.2);
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    long seed = start.seed(context.seed());
    List<CsvTable> data = data(context.data(), seed);
    CsvTable train = request.limit() == null ? data.get(0) : data.get(0).first(request.limit());
    EngineChoice engine = context.chooseEngine("training tabular/mlp", needs("mlp"));
    ModelDescription description =
        start.resuming()
            ? start.resumed(this, engine)
            : TabularClassifier.describe(
                train,
                ModelDescription.of(
                    NAME, "mlp", start.hyperparameters(), List.of(), List.of(), engine, seed));
    context.log().printf("Data: %s, classes %s.%n", train.source(), description.labels());
    try (TabularClassifier model = new TabularClassifier(description)) {
      var summary = model.fit(train, data.get(1), request.out(), context.fitOptions(request));
      return TrainingReport.of(NAME + "/mlp", summary, "rows", train.source())
          .classification(model.evaluate(data.get(1)))
          .report();
    }
  }

  @Override
  public Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval tabular");
    if (OnnxModels.isOnnx(request.checkpoint())) {
      return TabularOnnx.evaluate(this, request, context);
    }
    try (TabularClassifier model =
        ModelLoader.load(this, request, context, TabularClassifier::new)) {
      CsvTable test = data(context.data(), model.seed()).get(1);
      ClassificationMetrics metrics = model.evaluate(test);
      return EvaluationReport.of(
          model, request.checkpoint(), test.source(), metrics.toText(), metrics.toMap());
    }
  }

  @Override
  public Report predict(ModelRequest request, RunContext context) {
    request.allowOnly("zoo predict tabular");
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Name at least one CSV file of rows to classify.");
    }
    if (OnnxModels.isOnnx(request.checkpoint())) {
      return TabularOnnx.predict(this, request, context);
    }
    try (TabularClassifier model =
        ModelLoader.load(this, request, context, TabularClassifier::new)) {
      Map<String, List<Classification>> results = new LinkedHashMap<>();
      CsvTable.rowsOf(request.inputs(), model.columns(), model.label())
          .forEach((where, row) -> results.put(where, model.predict(row, 3)));
      return new ClassifiedInputs(NAME + "/mlp", "row", results).report();
    }
  }

  /** Writes the perceptron as an ONNX file of standardised rows {@code (N, columns)} to logits. */
  @Override
  public Report export(ModelRequest request, RunContext context) {
    request.allowOnly("zoo export tabular");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (TabularClassifier model = ModelLoader.load(this, cp, context, TabularClassifier::new)) {
      Shape input = new Shape(model.columns().size());
      return OnnxModels.export(model, cp, model.block(), input, null, request);
    }
  }
}
