package dev.zoo.tabular;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.engine.Op;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.metrics.RocAuc;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifiedInputs;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.TrainingReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The tabular family: classifiers of CSV tables of numbers ({@code --data FILE --label COLUMN}),
 * trained and tested on 80% and 20% of the rows, shuffled by the run's seed. Without {@code --data}
 * it uses the embedded {@code fruit.csv}: 300 made-up fruits (apple, lemon, orange; 100 each) with
 * five measurements drawn from overlapping normal distributions by {@code tools/make-fruit.py}.
 */
public final class TabularFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "tabular";

  private static final Variant MLP =
      new Variant(
          "mlp",
          Task.TABULAR_CLASSIFICATION,
          "dense 64-32-16 with ReLU over standardised columns; sigmoid or softmax output",
          Hyperparameters.builder()
              .put("epochs", 40)
              .put("batch_size", 32)
              .put("optimizer", "adam")
              .put("learning_rate", 1e-3)
              .put("schedule", "cosine")
              .put("label", "")
              .build());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "classifiers of CSV tables of numbers (a multilayer perceptron)";
  }

  @Override
  public List<Variant> variants() {
    return List.of(MLP);
  }

  @Override
  public List<FamilyOption> options() {
    String help = "The column of the classes (default: the last).";
    return List.of(FamilyOption.of("--label", "label", "COLUMN", help, "train", "eval", "predict"));
  }

  @Override
  public Set<Op> needs(String variant) {
    return EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR);
  }

  /** The {@code --data} file, else the embedded table, split by {@code seed}: training, test. */
  static List<CsvTable> data(Path file, long seed) {
    return (file != null ? CsvTable.read(file) : embedded()).split(seed, 0.2);
  }

  private static CsvTable embedded() {
    try (InputStream in = TabularFamily.class.getResourceAsStream("fruit.csv")) {
      return CsvTable.parse(new String(in.readAllBytes(), UTF_8), Path.of("fruit.csv"))
          .withSource("the fruit table embedded in zoo-tabular");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    long seed = start.seed(context.seed());
    List<CsvTable> data = data(context.data(), seed);
    CsvTable train =
        data.get(0).first(request.limit() == null ? Integer.MAX_VALUE : request.limit());
    var engine = context.chooseEngine("training tabular/mlp", needs(MLP.name()));
    Hyperparameters hp = start.hyperparameters();
    CheckpointInfo saved = start.resuming() ? start.resume().info() : null;
    ModelDescription description =
        saved == null
            ? TabularClassifier.describe(train, hp, engine, seed)
            : ModelDescription.of(
                    NAME, MLP.name(), hp, saved.inputShape(), saved.labels(), engine, seed)
                .withExtra(saved.extra());
    context.log().printf("Data: %s, classes %s.%n", train.source(), description.labels());
    try (TabularClassifier model = new TabularClassifier(description)) {
      var summary = model.fit(train, data.get(1), request.out(), context.fitOptions(request));
      Report test = evaluation(model, data.get(1), model.label());
      var report =
          TrainingReport.of(NAME + "/mlp", summary, "rows", train.source())
              .line(summary(test.data()));
      List.of("accuracy", "macro_precision", "macro_recall", "macro_f1", "roc_auc")
          .forEach(k -> report.figure(k, test.data().get(k)));
      return report.report();
    }
  }

  /**
   * Accuracy, per-class and macro precision, recall and F1, the confusion matrix and, where there
   * are two classes and {@code test} holds both, the ROC-AUC of the second class's probability.
   */
  private static Report evaluation(TabularClassifier model, CsvTable test, String label) {
    int[] y = test.codes(label, model.labels());
    float[] p = model.probabilities(test.matrix(model.columns()));
    ClassificationMetrics m = model.metrics(y, p);
    int k = model.labels().size();
    Map<String, Object> json = new LinkedHashMap<>(m.toMap());
    json.put("macro_precision", IntStream.range(0, k).mapToDouble(m::precision).sum() / k);
    json.put("macro_recall", IntStream.range(0, k).mapToDouble(m::recall).sum() / k);
    if (k == 2 && IntStream.of(y).distinct().count() == 2) {
      boolean[] positive = new boolean[y.length];
      IntStream.range(0, y.length).forEach(i -> positive[i] = y[i] == 1);
      double[] score = IntStream.range(0, y.length).mapToDouble(i -> p[2 * i + 1]).toArray();
      json.put("roc_auc", RocAuc.of(score, positive));
    }
    json.put("data", test.source());
    return new Report(m.toText() + "\n" + summary(json) + "\n", json);
  }

  /** The headline figures of an {@link #evaluation} in one line. */
  private static String summary(Map<String, Object> json) {
    Object auc = json.get("roc_auc");
    return String.format(
        Locale.ROOT,
        "Test accuracy %.4f, macro precision %.4f, recall %.4f, F1 %.4f%s.",
        json.get("accuracy"),
        json.get("macro_precision"),
        json.get("macro_recall"),
        json.get("macro_f1"),
        auc == null ? "" : String.format(Locale.ROOT, ", ROC-AUC %.4f", auc));
  }

  @Override
  public Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval tabular", "label");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    CsvTable test = data(context.data(), cp.info().seed()).get(1);
    try (TabularClassifier model = open(cp, context)) {
      Report report = evaluation(model, test, request.text("label", model.label()));
      String heading = "Evaluated tabular/mlp from " + cp.dir() + " on " + test.source() + ".";
      return new Report(heading + "\n\n" + report.text(), report.data());
    }
  }

  @Override
  public Report predict(ModelRequest request, RunContext context) {
    request.allowOnly("zoo predict tabular", "label");
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Name at least one CSV file of rows to classify.");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (TabularClassifier model = open(cp, context)) {
      Map<String, List<Classification>> results = new LinkedHashMap<>();
      int d = model.columns().size();
      String label = request.text("label", model.label());
      for (String input : request.inputs()) {
        CsvTable rows = CsvTable.read(Path.of(input));
        float[] x = rows.matrix(model.columns());
        List<String> known = rows.header().contains(label) ? rows.strings(label) : null;
        for (int i = 0; i < rows.rows().size(); i++) {
          String key = input + ":" + rows.rows().get(i).line();
          if (known != null) {
            key += " (" + known.get(i).trim() + ")";
          }
          results.put(key, model.predict(Arrays.copyOfRange(x, i * d, i * d + d), 3));
        }
      }
      return new ClassifiedInputs(NAME + "/mlp", "row", results).report();
    }
  }

  private TabularClassifier open(Checkpoint cp, RunContext context) {
    var engine = context.chooseEngine("running tabular/mlp", inferenceNeeds(MLP.name()));
    return TabularClassifier.open(cp, ModelLoader.description(this, cp, engine));
  }
}
