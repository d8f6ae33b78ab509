package dev.zoo.vae;

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
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on the VAE family for {@code zoo bench vae}: training images/s, test negative
 * ELBO after every epoch, scoring images/s at batch 256 and the median time to score one image,
 * peak RSS, and the ROC-AUC of a second run of the same length with class Bag held out. Both runs
 * use latent dimension 16, the size the plain-PyTorch peer ({@code bench/peers/vae.py}) measures.
 */
final class VaeBench {

  static final int LATENT = 16;
  static final String HOLDOUT = "Bag";
  private static final int LATENCY_RUNS = 200;

  private VaeBench() {}

  static Report run(VaeFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    Hyperparameters hp =
        request.apply(family.variant(variant).defaults()).with(Map.of("latent_dim", "" + LATENT));
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = request.limit() == null ? data.train() : data.train().first(request.limit());
    ImageSet test = data.test();
    EngineChoice choice = context.chooseEngine("training vae/" + variant, family.needs(variant));
    ModelDescription description =
        ImageModel.description(VaeFamily.NAME, variant, hp, train, choice, context.seed());
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-vae")) {
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      try (VariationalAutoencoder vae = new VariationalAutoencoder(description)) {
        TrainingSummary summary = vae.fit(train, test, scratch.path().resolve("run"), options);
        List<EpochResult> epochs = summary.epochs();
        json =
            BenchRow.start(
                choice, vae.manager().getEngine().getVersion(), variant, hp, train.size());
        json.put("latent_dim", LATENT);
        json.put("train_images_per_s", epochs.get(epochs.size() - 1).examplesPerSecond());
        json.put(
            "train_images_per_s_per_epoch",
            epochs.stream().map(EpochResult::examplesPerSecond).toList());
        json.put("quality_name", "test -ELBO nats");
        json.put(
            "quality", epochs.stream().map(e -> e.metrics().get("test_negative_elbo")).toList());
        measureScoring(vae, test, json);
      }
      context.log().println("Training again with class " + HOLDOUT + " held out.");
      Hyperparameters holdout = hp.with(Map.of("holdout_class", HOLDOUT));
      try (VariationalAutoencoder vae =
          new VariationalAutoencoder(description.withHyperparameters(holdout))) {
        TrainingSummary summary = vae.fit(train, test, scratch.path().resolve("holdout"), options);
        json.put("holdout_class", HOLDOUT);
        json.put("holdout_auc", summary.last().metrics().get("holdout_auc"));
      }
      json.put("peak_rss_mb", Measure.peakRssMb());
    }
    String text =
        BenchRow.imageSpeeds(json, "scoring", "%.2f ms per image (batch 1)")
            + String.format(
                Locale.ROOT,
                ", test -ELBO per epoch %s, %s held out: ROC-AUC %.4f%n",
                json.get("quality"),
                HOLDOUT,
                json.get("holdout_auc"));
    return new Report(text, json);
  }

  /** Scoring throughput over the test set at batch 256, and the median time of one image. */
  private static void measureScoring(
      VariationalAutoencoder vae, ImageSet test, Map<String, Object> json) {
    vae.scores(test.first(Math.min(1000, test.size())));
    json.put("infer_images_per_s_b256", Measure.perSecond(test.size(), () -> vae.scores(test)));
    for (int i = -20; i < 0; i++) {
      vae.score(test.image(Math.floorMod(i, test.size())));
    }
    json.put(
        "latency_ms_b1_median",
        Measure.medianMillis(LATENCY_RUNS, i -> test.image(i % test.size()), vae::score));
  }
}
