package dev.zoo.cnn;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingStart;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The CNN family: image classifiers trained on Fashion-MNIST or a folder of labelled images. */
public final class CnnFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "cnn";

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "simple-cnn",
              "the Keras MNIST network: conv 32-64-64 3x3 with max-pooling, dense 64",
              defaults(5, 32, 2e-3).build()),
          new Variant(
              "lenet",
              "LeNet-5: conv 6-16 5x5 with max-pooling, dense 120-84",
              defaults(5, 64, 1e-3).build()),
          new Variant(
              "resnet",
              "a small residual network: 3x3 stem, three basic blocks (32, 64, 128 channels)",
              defaults(5, 128, 2e-3).put("width", 32).build()));

  private static Hyperparameters.Builder defaults(int epochs, int batch, double lr) {
    return Hyperparameters.builder()
        .put("epochs", epochs)
        .put("batch_size", batch)
        .put("learning_rate", lr)
        .put("schedule", "cosine");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "image classifiers (LeNet-5, the Keras MNIST CNN, a small ResNet) for grey images";
  }

  @Override
  public Task task() {
    return Task.IMAGE_CLASSIFICATION;
  }

  @Override
  public List<Variant> variants() {
    return VARIANTS;
  }

  @Override
  public Set<Op> needs(String variant) {
    EnumSet<Op> ops = EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR, Op.CONV2D, Op.MAX_POOL);
    if ("resnet".equals(variant)) {
      ops.add(Op.BATCH_NORM);
      ops.add(Op.AVG_POOL);
    }
    return ops;
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    Checkpoint resume = start.resume();
    String variantName = start.variant();
    Hyperparameters hp = start.hyperparameters();
    // Read the data and choose the engine before printing about either, so that a refusal of
    // either is the only line the user sees.
    DataSplits data = FashionMnist.locate(context.data());
    EngineChoice choice = context.chooseEngine("training cnn/" + variantName, needs(variantName));
    context.log().println("Data: " + data.origin() + ".");
    ImageSet train = data.train();
    if (request.limit() != null && request.limit() < train.size()) {
      train = train.first(request.limit());
      context.log().println("Training on the first " + train.size() + " images (--limit).");
    }
    long seed = start.seed(context.seed());
    List<String> labels = resume != null ? resume.info().labels() : train.classNames();
    TrainingSummary summary;
    ClassificationMetrics metrics;
    try (ImageClassifier model =
        new ImageClassifier(variantName, hp, labels, train.height(), train.width(), choice, seed)) {
      context.log().printf("Training cnn/%s (%s) on %d images.%n", variantName, hp, train.size());
      summary =
          model.fit(
              train, data.test(), request.out(), resume, context.log(), context.interactive());
      metrics = model.evaluate(data.test());
    }
    return trainReport(variantName, data, train.size(), summary, metrics);
  }

  private Report trainReport(
      String variant,
      DataSplits data,
      int trainImages,
      TrainingSummary summary,
      ClassificationMetrics metrics) {
    Path run = summary.runDir();
    EpochResult last = summary.last();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained cnn/%s to epoch %d in %.1f s on %s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            trainImages + (data.embedded() ? " images of the embedded sample" : " images")));
    if (last != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "Test accuracy %.4f (train accuracy %.4f, loss %.4f), %,.0f images/s in training.%n",
              metrics.accuracy(),
              last.metrics().getOrDefault("train_accuracy", Double.NaN),
              last.metrics().getOrDefault("train_loss", Double.NaN),
              last.examplesPerSecond()));
    }
    text.append("Run directory: ").append(run).append('\n');
    text.append("  checkpoint         ").append(run.resolve(Checkpoint.DIR)).append('\n');
    text.append("  metrics            ").append(run.resolve("metrics.jsonl")).append('\n');
    text.append("  confusion matrix   ")
        .append(run.resolve(ClassifierTraining.CONFUSION_PNG))
        .append('\n');
    text.append("  predictions        ")
        .append(run.resolve(ClassifierTraining.PREDICTIONS_PNG))
        .append('\n');
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    json.put("accuracy", metrics.accuracy());
    json.put("macro_f1", metrics.macroF1());
    json.put("images_per_s", last == null ? null : last.examplesPerSecond());
    json.put("seconds", summary.seconds());
    json.put("run_dir", run.toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", data.origin());
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochResult r : summary.epochs()) {
      Map<String, Object> e = new LinkedHashMap<>(r.metrics());
      e.put("epoch", r.epoch());
      e.put("images_per_s", r.examplesPerSecond());
      epochs.add(e);
    }
    json.put("history", epochs);
    return new Report(text.toString(), json);
  }

  @Override
  public Report bench(TrainRequest request, RunContext context) {
    return CnnBench.run(this, request, context);
  }

  @Override
  public Report evaluate(Path checkpoint, RunContext context) {
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    String variant = cp.info().variant();
    DataSplits data = FashionMnist.locate(context.data());
    EngineChoice choice = context.chooseEngine("running cnn/" + variant, inferenceNeeds(variant));
    context.log().println("Data: " + data.origin() + ".");
    try (ImageClassifier model = ImageClassifier.load(cp, choice)) {
      ClassificationMetrics metrics = model.evaluate(data.test());
      Map<String, Object> json = new LinkedHashMap<>(metrics.toMap());
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", variant);
      json.put("engine", choice.backend().name());
      json.put("data", data.origin());
      String text =
          "Evaluated cnn/"
              + variant
              + " from "
              + cp.dir()
              + " on "
              + metrics.total()
              + " test images.\n\n"
              + metrics.toText();
      return new Report(text, json);
    }
  }

  @Override
  public Report predict(Path checkpoint, List<String> inputs, RunContext context) {
    if (inputs.isEmpty()) {
      throw new ZooException("Name at least one PNG or JPEG image to classify.");
    }
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    String variant = cp.info().variant();
    EngineChoice choice = context.chooseEngine("running cnn/" + variant, inferenceNeeds(variant));
    try (ImageClassifier model = ImageClassifier.load(cp, choice)) {
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String input : inputs) {
        List<Prediction> top = model.classify(Path.of(input), 3);
        text.append(input).append(':');
        List<Map<String, Object>> labels = new ArrayList<>();
        for (Prediction p : top) {
          text.append(String.format(Locale.ROOT, "  %s %.3f", p.label(), p.probability()));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("label", p.label());
          m.put("probability", p.probability());
          labels.add(m);
        }
        text.append('\n');
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", input);
        row.put("top", labels);
        rows.add(row);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("checkpoint", cp.dir().toString());
      json.put("predictions", rows);
      return new Report(text.toString(), json);
    }
  }
}
