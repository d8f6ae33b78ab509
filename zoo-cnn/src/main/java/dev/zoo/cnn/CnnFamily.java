package dev.zoo.cnn;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.AbstractFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifiedInputs;
import dev.zoo.api.model.EvaluationReport;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.OnnxClassifier;
import dev.zoo.api.model.OnnxModels;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CNN family: image classifiers trained on Fashion-MNIST or a folder of labelled images. */
public final class CnnFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "cnn";

  /** The family's three variants, {@code simple-cnn} first. */
  public CnnFamily() {
    super(
        NAME,
        "image classifiers (LeNet-5, the Keras MNIST CNN, a small ResNet) for grey images",
        List.of(
            new Variant(
                "simple-cnn",
                Task.IMAGE_CLASSIFICATION,
                "the Keras MNIST network: conv 32-64-64 3x3 with max-pooling, dense 64",
                defaults(5, 32, 2e-3).build()),
            new Variant(
                "lenet",
                Task.IMAGE_CLASSIFICATION,
                "LeNet-5: conv 6-16 5x5 with max-pooling, dense 120-84",
                defaults(5, 64, 1e-3).build()),
            new Variant(
                "resnet",
                Task.IMAGE_CLASSIFICATION,
                "a small residual network: 3x3 stem, three basic blocks (32, 64, 128 channels)",
                defaults(5, 128, 2e-3).put("channels", 32).build())),
        List.of(),
        EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR, Op.CONV2D, Op.MAX_POOL));
    alsoNeeds("resnet", Op.BATCH_NORM, Op.AVG_POOL);
    renamed("width", "channels");
    benchmark((request, context) -> CnnBench.run(this, request, context));
  }

  private static Hyperparameters.Builder defaults(int epochs, int batch, double lr) {
    return Hyperparameters.builder()
        .put("epochs", epochs)
        .put("batch_size", batch)
        .put("optimizer", "adam")
        .put("learning_rate", lr)
        .put("schedule", "cosine");
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    String variant = start.variant();
    Hyperparameters hp = start.hyperparameters();
    // Read the data and choose the engine before printing about either, so that a refusal of
    // either is the only line the user sees.
    DataSplits data = FashionMnist.locate(context.data());
    EngineChoice choice = context.chooseEngine("training cnn/" + variant, needs(variant));
    context.log().println("Data: " + data.origin() + ".");
    ImageSet train = request.limited(data.train());
    if (train.size() < data.train().size()) {
      context.log().println("Training on the first " + train.size() + " images (--limit).");
    }
    TrainingSummary summary;
    ClassificationMetrics metrics;
    try (ImageClassifier model =
        new ImageClassifier(start.imageModel(NAME, train, choice, context.seed()))) {
      context.log().printf("Training cnn/%s (%s) on %d images.%n", variant, hp, train.size());
      summary = model.fit(train, data.test(), request.out(), context.fitOptions(request));
      metrics = model.evaluate(data.test());
    }
    return TrainingReport.of(
            NAME + "/" + variant,
            summary,
            "images",
            train.size() + (data.embedded() ? " images of the embedded sample" : " images"))
        .classification(metrics)
        .file("confusion matrix", ClassifierTraining.CONFUSION_PNG)
        .file("predictions", ClassifierTraining.PREDICTIONS_PNG)
        .report();
  }

  @Override
  public Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval cnn");
    ImageSet test = FashionMnist.locateTest(context.data());
    if (OnnxModels.isOnnx(request.checkpoint())) {
      try (OnnxClassifier model = OnnxClassifier.open(this, request.checkpoint(), context)) {
        context.log().println("Data: " + test.source() + ".");
        String what = test.size() + " test images of " + test.source();
        return model.report(request.checkpoint(), what, model.evaluate(test));
      }
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (ImageClassifier model = ModelLoader.load(this, cp, context, ImageClassifier::new)) {
      context.log().println("Data: " + test.source() + ".");
      ClassificationMetrics metrics = model.evaluate(test);
      String what = metrics.total() + " test images of " + test.source();
      return EvaluationReport.of(model, cp.dir(), what, metrics.toText(), metrics.toMap());
    }
  }

  @Override
  public Report predict(ModelRequest request, RunContext context) {
    request.allowOnly("zoo predict cnn");
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Name at least one PNG or JPEG image to classify.");
    }
    if (OnnxModels.isOnnx(request.checkpoint())) {
      try (OnnxClassifier model = OnnxClassifier.open(this, request.checkpoint(), context)) {
        Map<String, List<Classification>> results = new LinkedHashMap<>();
        int h = (int) model.input().get(1);
        int w = (int) model.input().get(2);
        for (String input : request.inputs()) {
          results.put(input, model.predict(ImageFolderReader.readGrey(Path.of(input), h, w), 3));
        }
        return new ClassifiedInputs(model.name(), "file", results).report();
      }
    }
    try (ImageClassifier model = ModelLoader.load(this, request, context, ImageClassifier::new)) {
      Map<String, List<Classification>> results = new LinkedHashMap<>();
      for (String input : request.inputs()) {
        results.put(input, model.predict(Path.of(input), 3));
      }
      return new ClassifiedInputs(NAME + "/" + model.variant(), "file", results).report();
    }
  }

  /** Writes the classifier as an ONNX file of inputs {@code (N, 1, H, W)} and logits. */
  @Override
  public Report export(ModelRequest request, RunContext context) {
    request.allowOnly("zoo export cnn");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (ImageClassifier model = ModelLoader.load(this, cp, context, ImageClassifier::new)) {
      Shape input = new Shape(1, model.height(), model.width());
      return OnnxModels.export(model, cp, model.block(), input, null, request);
    }
  }
}
