package dev.zoo.vae;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Files;
import java.util.Locale;

/**
 * {@code zoo train vae} and {@code zoo run vae}: checks the request, the settings and the data
 * before anything is loaded or written, trains (or resumes) into the run directory, measures the
 * model on the test set and reports it with the shared {@link TrainingReport}.
 */
final class VaeTrainRun {

  private VaeTrainRun() {}

  static Report run(VaeFamily family, TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(family, request);
    String variant = start.variant();
    Hyperparameters hp = start.hyperparameters();
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = data.train();
    VaeArchitectures.check(variant, hp, train.height(), train.width());
    int heldOut = Holdout.resolve(hp.get("holdout_class"), train.classNames());
    if (heldOut >= 0) {
      Holdout.mask(data.test(), heldOut);
    }
    EngineChoice choice = context.chooseEngine("training vae/" + variant, family.needs(variant));
    context.log().println("Data: " + data.origin() + ".");
    if (request.limit() != null && request.limit() < train.size()) {
      train = request.limited(train);
      context.log().println("Training on the first " + train.size() + " images (--limit).");
    }
    ModelDescription description = start.imageModel(VaeFamily.NAME, train, choice, context.seed());
    TrainingSummary summary;
    TestResult measured;
    try (VariationalAutoencoder model = new VariationalAutoencoder(description)) {
      context.log().printf("Training vae/%s (%s) on %d images.%n", variant, hp, train.size());
      summary = model.fit(train, data.test(), request.out(), context.fitOptions(request));
      measured = TestResult.measure(model, data.test(), heldOut);
    }
    String source = train.size() + (data.embedded() ? " images of the embedded sample" : " images");
    return report(VaeFamily.NAME + "/" + variant, hp, summary, source, measured).report();
  }

  private static TrainingReport report(
      String model, Hyperparameters hp, TrainingSummary summary, String data, TestResult result) {
    ElboTerms terms = result.terms();
    TrainingReport report =
        TrainingReport.of(model, summary, "images", data)
            .line(
                String.format(
                    Locale.ROOT,
                    "Test negative ELBO %.2f nats per image (reconstruction %.2f, KL %.2f).",
                    terms.negativeElbo(),
                    terms.reconstruction(),
                    terms.kl()))
            .figure("negative_elbo", terms.negativeElbo())
            .figure("reconstruction", terms.reconstruction())
            .figure("kl", terms.kl());
    if (result.holdoutAuc() != null) {
      report
          .line(
              String.format(
                  Locale.ROOT,
                  "Held-out class %s: the negative ELBO tells it from the other classes with"
                      + " ROC-AUC %.4f on the test set.",
                  hp.get("holdout_class"),
                  result.holdoutAuc()))
          .figure("holdout_class", hp.get("holdout_class"))
          .figure("holdout_auc", result.holdoutAuc());
    }
    for (String png : VaePictures.names()) {
      if (Files.isRegularFile(summary.runDir().resolve(png))) {
        report.file(png.replace(".png", "").replace('-', ' '), png);
      }
    }
    return report;
  }
}
