package dev.zoo.cnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.ImageModel;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on the CNN family: training images/s after warm-up, test accuracy after every
 * epoch (the quality figure is the last), inference images/s at batch 256 over the test set, median
 * latency at batch 1, and peak RSS. Two epochs unless the request says otherwise.
 */
final class CnnBench {

  static final int EPOCHS = 2;
  private static final int INFER_BATCH = 256;
  private static final int LATENCY_RUNS = 200;

  private CnnBench() {}

  static Report run(CnnFamily family, TrainRequest request, RunContext context) {
    request = request.orEpochs(EPOCHS);
    String variant = family.variant(request.variant()).name();
    Hyperparameters hp = request.apply(family.variant(variant).defaults());
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = request.limited(data.train());
    ImageSet test = data.test();
    EngineChoice choice = context.chooseEngine("training cnn/" + variant, family.needs(variant));
    Map<String, Object> json;
    ModelDescription description =
        ImageModel.description(CnnFamily.NAME, variant, hp, train, choice, context.seed());
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench");
        ImageClassifier model = new ImageClassifier(description)) {
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
      TrainingSummary summary =
          model.fit(train, test, scratch.path().resolve("run"), options.withListener(timer));
      List<Double> perEpoch =
          summary.epochs().stream().map(EpochResult::examplesPerSecond).toList();
      List<Double> accuracy =
          summary.epochs().stream().map(r -> r.metrics().get("test_accuracy")).toList();
      model.evaluate(test.first(Math.min(1000, test.size())));
      double inferPerSecond = Measure.perSecond(test.size(), () -> model.evaluate(test));
      for (int i = 0; i < 20; i++) {
        model.predict(test.image(i % test.size()), 1);
      }
      double latency =
          Measure.medianMillis(
              LATENCY_RUNS, i -> test.image(i % test.size()), x -> model.predict(x, 1));
      json =
          BenchRow.start(
              choice, model.manager().getEngine().getVersion(), variant, hp, train.size());
      BenchRow.training(json, timer.examplesPerSecond(), "images");
      BenchRow.inference(json, inferPerSecond, INFER_BATCH, latency);
      BenchRow.quality(json, "test accuracy", accuracy.get(accuracy.size() - 1), null);
      json.put("train_images_per_s_per_epoch", perEpoch);
      json.put("test_accuracy_per_epoch", accuracy);
      BenchRow.finish(
          json,
          BenchRow.epochs(hp, train.size(), "images"),
          "test accuracy per epoch " + joined(accuracy));
    }
    return new Report(BenchRow.line(json), json);
  }

  private static String joined(List<Double> values) {
    return String.join(
        " / ", values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v)).toList());
  }
}
