package dev.zoo.gan;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.BenchSettings;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on the GAN family: trains the variant's default budget of steps, measures
 * sample quality, and (unless {@code --set bench.longer=1}) continues to a budget {@code
 * bench.longer} times as long (3 by default) and measures again. Reports training images/s after
 * warm-up, generation images/s at batch 256, the latency of one image, peak RSS, the Fréchet
 * distance after every epoch (on up to 2,000 test images) and, after each budget, on the whole test
 * set with the class entropy; the quality figure is the last Fréchet distance.
 */
final class GanBench {

  static final int LONGER = 3;
  private static final int PROBE_IMAGES = 2000;
  private static final int LATENCY_RUNS = 100;
  private static final int GENERATION_BATCH = 256;

  private GanBench() {}

  /**
   * Runs the benchmark on the context's engine.
   *
   * @throws InvalidSettingException when the budget is not in steps, or a setting is bad
   */
  static Report run(GanFamily family, TrainRequest request, RunContext context) {
    BenchSettings bench = BenchSettings.of(request).allowOnly("longer");
    int longer = bench.positive("longer", LONGER);
    request = bench.request();
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
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = GanFamily.trainingImages(data, GanFamily.limit(hp));
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
      StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
      options = options.withListener(timer);
      List<EpochResult> epochs = new ArrayList<>();
      Map<Integer, QualityReport.Quality> quality = new LinkedHashMap<>();
      ImageGenerator model = new ImageGenerator(description);
      try {
        epochs.addAll(model.fit(train, probe, run, options, judge).epochs());
        quality.put(steps, QualityReport.measure(model, test, judge, context.seed()));
        if (longer > 1) {
          model.close();
          Hyperparameters more = hp.with(Map.of("steps", Integer.toString(longer * steps)));
          model = new ImageGenerator(description.withHyperparameters(more));
          epochs.addAll(model.fit(train, probe, run, options.withResume(true), judge).epochs());
          quality.put(longer * steps, QualityReport.measure(model, test, judge, context.seed()));
        }
        json =
            BenchRow.start(
                choice, model.manager().getEngine().getVersion(), variant, hp, train.size());
        BenchRow.training(json, timer.examplesPerSecond(), "images");
        BenchRow.inference(json, Double.NaN, GENERATION_BATCH, latency(model));
        BenchRow.generation(json, generationSpeed(model, test.size()), "images");
      } finally {
        model.close();
      }
      QualityReport.Quality last = quality.get(longer * steps);
      json.put("budget_steps", steps);
      json.put("longer_steps", longer * steps);
      json.put(
          "train_images_per_s_per_epoch", epochs.stream().map(e -> e.examplesPerSecond()).toList());
      json.put("fd_per_epoch", epochs.stream().map(e -> e.metrics().get("fd")).toList());
      json.put("default_budget", quality.get(steps).toMap());
      if (longer > 1) {
        json.put("longer_budget", last.toMap());
      }
      json.put("fd_floor", last.fdFloor());
      json.put("class_entropy", last.histogram().entropyBits());
      BenchRow.quality(
          json,
          "FD",
          last.fd(),
          String.format(Locale.ROOT, "class entropy %.2f bits", last.histogram().entropyBits()));
      json.put(BenchRow.PEER_ARGS, peerArguments(hp, longer * steps, train.size()));
      BenchRow.finish(
          json,
          String.format(
              Locale.ROOT,
              "%,d steps of %d images on %,d images",
              longer * steps,
              hp.getInt("batch_size"),
              train.size()),
          details(quality, json.get("fd_per_epoch")));
    }
    return new Report(BenchRow.line(json), json);
  }

  /** The quality after each budget, the smallest class share and the distance after each epoch. */
  private static String details(Map<Integer, QualityReport.Quality> quality, Object perEpoch) {
    List<String> parts = new ArrayList<>();
    quality.forEach(
        (steps, q) ->
            parts.add(
                String.format(
                    Locale.ROOT,
                    "after %d steps FD %.2f (floor %.2f), entropy %.2f bits, min class %.1f%%",
                    steps,
                    q.fd(),
                    q.fdFloor(),
                    q.histogram().entropyBits(),
                    100 * q.histogram().minFraction())));
    return String.join("; ", parts) + "; FD per epoch " + perEpoch;
  }

  private static double generationSpeed(ImageGenerator model, int count) {
    model.sample(GENERATION_BATCH, 0);
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

  /** The settings the plain-PyTorch peer needs to train the same dcgan for {@code steps}. */
  private static Map<String, Object> peerArguments(Hyperparameters hp, int steps, int images) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", steps);
    args.put("limit", images);
    args.put("batch-size", hp.getInt("batch_size"));
    if (hp.has("g_channels") && hp.has("d_channels")) {
      args.put("g-channels", hp.getInt("g_channels"));
      args.put("d-channels", hp.getInt("d_channels"));
    }
    return args;
  }
}
