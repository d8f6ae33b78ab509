package dev.zoo.gan;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ImageJudge;
import dev.zoo.api.model.ImageModel;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on the GAN family: trains the variant's default budget of steps, measures
 * sample quality, continues to a budget three times as long and measures again. Reports training
 * and generation images/s, latency of one image, peak RSS, the Fréchet distance after every epoch
 * (on up to 2,000 test images) and, after each budget, on the whole test set with the class
 * entropy.
 */
final class GanBench {

  static final int LONGER = 3;
  private static final int PROBE_IMAGES = 2000;
  private static final int LATENCY_RUNS = 100;

  private GanBench() {}

  /**
   * Runs the benchmark on the context's engine.
   *
   * @throws InvalidSettingException when the budget is not in steps, or a setting is bad
   */
  static Report run(GanFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    // The budget is in steps: an epoch count does not replace it here.
    Hyperparameters hp =
        new TrainRequest(
                variant,
                request.out(),
                null,
                request.batchSize(),
                request.learningRate(),
                request.limit(),
                false,
                request.overrides())
            .apply(family.variant(variant).defaults());
    int steps = hp.getInt("steps");
    if (steps <= 0) {
      throw new InvalidSettingException("The GAN benchmark needs a budget in steps (--steps N).");
    }
    int limit = GanFamily.limit(hp);
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = GanFamily.trainingImages(data, limit);
    ImageSet test = data.test();
    EngineChoice choice = context.chooseEngine("training gan/" + variant, family.needs(variant));
    context.log().println("Data: " + data.origin() + ".");
    ModelDescription description =
        ImageModel.description(GanFamily.NAME, variant, hp, train, choice, context.seed());
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-gan");
        ImageJudge judge = context.judge()) {
      Path run = scratch.path().resolve("run");
      ImageSet probe = test.first(Math.min(PROBE_IMAGES, test.size()));
      FitOptions options = context.fitOptions(TrainRequest.defaults(run));
      List<EpochResult> epochs = new ArrayList<>();
      QualityReport.Quality first;
      try (ImageGenerator model = new ImageGenerator(description)) {
        epochs.addAll(model.fit(train, probe, run, options, judge).epochs());
        first = QualityReport.measure(model, test, judge, context.seed());
      }
      Hyperparameters longer = hp.with(Map.of("steps", Integer.toString(LONGER * steps)));
      QualityReport.Quality second;
      try (ImageGenerator model = new ImageGenerator(description.withHyperparameters(longer))) {
        TrainingSummary s = model.fit(train, probe, run, options.withResume(true), judge);
        epochs.addAll(s.epochs());
        second = QualityReport.measure(model, test, judge, context.seed());
        json =
            BenchRow.start(
                choice, model.manager().getEngine().getVersion(), variant, hp, train.size());
        json.put("budget_steps", steps);
        json.put("longer_steps", LONGER * steps);
        json.put("peer_args", peerArguments(hp, steps));
        json.put(
            "budget",
            String.format(
                Locale.ROOT,
                "%d and %d steps of %d on %d images",
                steps,
                LONGER * steps,
                hp.getInt("batch_size"),
                train.size()));
        json.put("train_images_per_s", medianSpeed(epochs));
        json.put("train_images_per_s_per_epoch", speeds(epochs));
        json.put("infer_images_per_s_b256", generationSpeed(model, test.size()));
        json.put("latency_ms_b1_median", latency(model));
      }
      json.put("peak_rss_mb", Measure.peakRssMb());
      json.put("fd_per_epoch", epochs.stream().map(e -> e.metrics().get("fd")).toList());
      json.put("default_budget", first.toMap());
      json.put("longer_budget", second.toMap());
      json.put("fd", second.fd());
      json.put("fd_floor", second.fdFloor());
      json.put("class_entropy", second.histogram().entropyBits());
      json.put("quality_name", "sample quality");
      json.put(
          "quality",
          String.format(
              Locale.ROOT,
              "FD %.2f -> %.2f (floor %.2f), entropy %.2f -> %.2f bits, min class %.1f%%",
              first.fd(),
              second.fd(),
              second.fdFloor(),
              first.histogram().entropyBits(),
              second.histogram().entropyBits(),
              100 * second.histogram().minFraction()));
    }
    String text =
        String.format(
            "%s; %s; %s; FD per epoch %s%n",
            BenchRow.imageSpeeds(json, "generation", "%.2f ms per image (batch 1)"),
            json.get("budget"),
            json.get("quality"),
            json.get("fd_per_epoch"));
    return new Report(text, json);
  }

  private static List<Double> speeds(List<EpochResult> epochs) {
    return epochs.stream().map(EpochResult::examplesPerSecond).toList();
  }

  private static double medianSpeed(List<EpochResult> epochs) {
    return Measure.median(epochs.stream().mapToDouble(EpochResult::examplesPerSecond).toArray());
  }

  private static double generationSpeed(ImageGenerator model, int count) {
    model.sample(256, 0);
    return Measure.perSecond(count, () -> model.sample(count, 1));
  }

  private static double latency(ImageGenerator model) {
    for (int i = 0; i < 10; i++) {
      model.sample(1, i);
    }
    return Measure.medianMillis(LATENCY_RUNS, i -> i, i -> model.sample(1, i));
  }

  /** The settings the plain-PyTorch peer needs to train the same networks for the same steps. */
  private static Map<String, Object> peerArguments(Hyperparameters hp, int steps) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", steps);
    if (hp.has("g_channels") && hp.has("d_channels")) {
      args.put("g-channels", hp.getInt("g_channels"));
      args.put("d-channels", hp.getInt("d_channels"));
    }
    return args;
  }
}
