package dev.zoo.tabular;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.train.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Measures one engine on the tabular family for {@code zoo bench tabular}: training rows/s after
 * warm-up, test accuracy after the budget (the variant's 40 epochs unless {@code --epochs} says
 * otherwise), rows/s classifying the whole test split as one batch (its values as read, already in
 * memory, to class probabilities: {@link TabularClassifier#probabilities(float[])}), the median
 * time to classify one row, and peak RSS. The data is {@code --data}, else scikit-learn's breast
 * cancer table from Debian's {@code python3-sklearn} when installed, else the embedded fruit table;
 * the peer {@code bench/peers/tabular.py} chooses the same way and makes the same split.
 */
final class TabularBench {

  /** Where Debian's {@code python3-sklearn} keeps the breast cancer table. */
  static final Path BREAST_CANCER =
      Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv");

  private static final int LATENCY_RUNS = 200;
  private static final int SCORED_ROWS = 20_000;

  private TabularBench() {}

  static Report run(TabularFamily family, TrainRequest request, RunContext context) {
    Hyperparameters hp = request.apply(family.variant("mlp").defaults());
    List<CsvTable> data = data(context.data(), context.seed());
    CsvTable train = request.limit() == null ? data.get(0) : data.get(0).first(request.limit());
    CsvTable test = data.get(1);
    EngineChoice choice = context.chooseEngine("training tabular/mlp", family.needs("mlp"));
    context.log().printf("Data: %s.%n", train.source());
    ModelDescription description =
        TabularClassifier.describe(
            train,
            ModelDescription.of(
                TabularFamily.NAME, "mlp", hp, List.of(), List.of(), choice, context.seed()));
    var json = BenchRow.start(choice, "", "mlp", hp, train.rows().size());
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-tabular");
        TabularClassifier model = new TabularClassifier(description)) {
      json.put("engine_version", model.manager().getEngine().getVersion());
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
      model.fit(train, test, scratch.path().resolve("run"), options.withListener(timer));
      BenchRow.training(json, timer.examplesPerSecond(), "rows");
      ClassificationMetrics metrics = model.evaluate(test);
      int n = test.rows().size();
      int repeats = Math.max(1, SCORED_ROWS / n);
      float[] rows = test.matrix(model.columns());
      int width = model.columns().size();
      model.probabilities(rows);
      double perSecond =
          Measure.perSecond(
              repeats * n,
              () -> {
                for (int i = 0; i < repeats; i++) {
                  model.probabilities(rows);
                }
              });
      for (int i = 0; i < 20; i++) {
        model.predict(row(rows, width, i % n), 1);
      }
      double latency =
          Measure.medianMillis(
              LATENCY_RUNS, i -> row(rows, width, i % n), x -> model.predict(x, 1));
      BenchRow.inference(json, perSecond, n, latency);
      BenchRow.quality(json, "test accuracy", metrics.accuracy(), null);
      json.put("data", train.source());
      BenchRow.finish(
          json,
          BenchRow.epochs(hp, train.rows().size(), "rows")
              + " ("
              + (train.file() == null ? "a table" : train.file().getFileName())
              + ")",
          null);
    }
    return new Report(BenchRow.line(json), json);
  }

  /**
   * The benchmark's data split by {@code seed} 80/20: {@code file}, else the breast cancer table
   * when installed, else the embedded table.
   */
  static List<CsvTable> data(Path file, long seed) {
    if (file == null && Files.isRegularFile(BREAST_CANCER)) {
      return CsvTable.parse(withHeader(CsvTable.text(BREAST_CANCER)), BREAST_CANCER)
          .withSource("scikit-learn's breast cancer table (" + BREAST_CANCER + ")")
          .split(seed, 0.2);
    }
    return TabularFamily.data(file, seed);
  }

  /**
   * One of scikit-learn's bundled tables, whose first line holds counts and class names, as a CSV
   * with the header {@code x1, ..., xN, class} and each class index replaced by its name.
   */
  static String withHeader(String sklearn) {
    List<String> lines = sklearn.lines().filter(l -> !l.isBlank()).toList();
    String[] first = lines.get(0).split(",");
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= Integer.parseInt(first[1].trim()); i++) {
      out.append('x').append(i).append(',');
    }
    out.append("class\n");
    for (String line : lines.subList(1, lines.size())) {
      int comma = line.lastIndexOf(',');
      int label = Integer.parseInt(line.substring(comma + 1).trim());
      out.append(line, 0, comma + 1).append(first[2 + label].trim()).append('\n');
    }
    return out.toString();
  }

  private static float[] row(float[] rows, int width, int index) {
    return Arrays.copyOfRange(rows, index * width, (index + 1) * width);
  }
}
