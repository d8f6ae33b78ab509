package dev.zoo.vae;

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
 * Measures one engine on the VAE family for {@code zoo bench vae}: training images/s after warm-up,
 * the test negative ELBO after every epoch (the quality figure is the last), scoring images/s at
 * batch 256 and the median time to score one image, images/s drawn from the prior at batch 256,
 * peak RSS, and the ROC-AUC of a second run of the same length with class Bag held out. Both runs
 * use latent dimension 16, the size the plain-PyTorch peer ({@code bench/peers/vae.py}) measures;
 * two epochs unless the request says otherwise.
 */
final class VaeBench {

  static final int LATENT = 16;
  static final String HOLDOUT = "Bag";
  static final int EPOCHS = 2;
  private static final int BATCH = 256;
  private static final int LATENCY_RUNS = 200;

  private VaeBench() {}

  static Report run(VaeFamily family, TrainRequest request, RunContext context) {
    request = request.orEpochs(EPOCHS);
    String variant = family.variant(request.variant()).name();
    Hyperparameters hp =
        request.apply(family.variant(variant).defaults()).with(Map.of("latent_dim", "" + LATENT));
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = request.limited(data.train());
    ImageSet test = data.test();
    EngineChoice choice = context.chooseEngine("training vae/" + variant, family.needs(variant));
    ModelDescription description =
        ImageModel.description(VaeFamily.NAME, variant, hp, train, choice, context.seed());
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-vae")) {
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      try (VariationalAutoencoder vae = new VariationalAutoencoder(description)) {
        StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
        TrainingSummary summary =
            vae.fit(train, test, scratch.path().resolve("run"), options.withListener(timer));
        List<EpochResult> epochs = summary.epochs();
        List<Double> elbo =
            epochs.stream().map(e -> e.metrics().get("test_negative_elbo")).toList();
        json =
            BenchRow.start(
                choice, vae.manager().getEngine().getVersion(), variant, hp, train.size());
        json.put("latent_dim", LATENT);
        BenchRow.training(json, timer.examplesPerSecond(), "images");
        json.put(
            "train_images_per_s_per_epoch",
            epochs.stream().map(EpochResult::examplesPerSecond).toList());
        BenchRow.quality(json, "test -ELBO nats", elbo.get(elbo.size() - 1), null);
        json.put("test_negative_elbo_per_epoch", elbo);
        measureScoring(vae, test, json);
        vae.sample(BATCH, 0);
        BenchRow.generation(
            json, Measure.perSecond(test.size(), () -> vae.sample(test.size(), 1)), "images");
      }
      context.log().println("Training again with class " + HOLDOUT + " held out.");
      Hyperparameters holdout = hp.with(Map.of("holdout_class", HOLDOUT));
      try (VariationalAutoencoder vae =
          new VariationalAutoencoder(description.withHyperparameters(holdout))) {
        TrainingSummary summary = vae.fit(train, test, scratch.path().resolve("holdout"), options);
        json.put("holdout_class", HOLDOUT);
        json.put("holdout_auc", summary.last().metrics().get("holdout_auc"));
      }
      BenchRow.finish(
          json,
          BenchRow.epochs(hp, train.size(), "images") + ", latent " + LATENT,
          String.format(
              Locale.ROOT,
              "test -ELBO per epoch %s; %s held out: ROC-AUC %.4f",
              json.get("test_negative_elbo_per_epoch"),
              HOLDOUT,
              json.get("holdout_auc")));
    }
    return new Report(BenchRow.line(json), json);
  }

  /** Scoring throughput over the test set at batch 256, and the median time of one image. */
  private static void measureScoring(
      VariationalAutoencoder vae, ImageSet test, Map<String, Object> json) {
    vae.scores(test.first(Math.min(1000, test.size())));
    double perSecond = Measure.perSecond(test.size(), () -> vae.scores(test));
    for (int i = -20; i < 0; i++) {
      vae.score(test.image(Math.floorMod(i, test.size())));
    }
    double latency =
        Measure.medianMillis(LATENCY_RUNS, i -> test.image(i % test.size()), vae::score);
    BenchRow.inference(json, perSecond, BATCH, latency);
  }
}
