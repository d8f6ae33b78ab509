package dev.zoo.cnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.ImageModel;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures one engine on the CNN family: training images/s per epoch, test accuracy per epoch,
 * inference images/s at batch 256, median latency at batch 1, and peak RSS.
 */
final class CnnBench {

  private static final int LATENCY_RUNS = 200;

  private CnnBench() {}

  static Report run(CnnFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    Hyperparameters hp = request.apply(family.variant(variant).defaults());
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = request.limit() == null ? data.train() : data.train().first(request.limit());
    ImageSet test = data.test();
    EngineChoice choice = context.chooseEngine("training cnn/" + variant, family.needs(variant));
    Map<String, Object> json;
    ModelDescription description =
        ImageModel.description(CnnFamily.NAME, variant, hp, train, choice, context.seed());
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench");
        ImageClassifier model = new ImageClassifier(description)) {
      TrainingSummary summary =
          model.fit(
              train,
              test,
              scratch.path().resolve("run"),
              context.fitOptions(TrainRequest.defaults(scratch.path())));
      List<Double> perEpoch = new ArrayList<>();
      List<Double> accuracy = new ArrayList<>();
      for (EpochResult r : summary.epochs()) {
        perEpoch.add(r.examplesPerSecond());
        accuracy.add(r.metrics().get("test_accuracy"));
      }
      model.evaluate(test.first(Math.min(1000, test.size())));
      double inferPerSecond = Measure.perSecond(test.size(), () -> model.evaluate(test));
      float[] image = test.image(0);
      for (int i = 0; i < 20; i++) {
        model.predict(image, 1);
      }
      double latency =
          Measure.medianMillis(
              LATENCY_RUNS, i -> test.image(i % test.size()), x -> model.predict(x, 1));
      json =
          BenchRow.start(
              choice, model.manager().getEngine().getVersion(), variant, hp, train.size());
      json.put("train_images_per_s", perEpoch.get(perEpoch.size() - 1));
      json.put("train_images_per_s_per_epoch", perEpoch);
      json.put("test_accuracy", accuracy);
      json.put("infer_images_per_s_b256", inferPerSecond);
      json.put("latency_ms_b1_median", latency);
      json.put("peak_rss_mb", Measure.peakRssMb());
    }
    String text =
        BenchRow.imageSpeeds(json, "inference", "latency %.2f ms (batch 1)")
            + String.format(", test accuracy %s%n", json.get("test_accuracy"));
    return new Report(text, json);
  }
}
