package dev.zoo.vae;

import dev.zoo.api.GenerateRequest;
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
import dev.zoo.api.train.TrainingStart;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The VAE family: variational autoencoders of grey images that encode, reconstruct, sample, and
 * score images by their negative ELBO to flag what looks unlike the training data.
 */
public final class VaeFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "vae";

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "conv-vae",
              "convolutional encoder (32, 64 channels, stride 2), transposed-convolution decoder,"
                  + " latent 16",
              defaults(2, 16).build()),
          new Variant(
              "mlp-vae",
              "fully connected encoder 512-256 and decoder 256-512, latent 2 (manifold and"
                  + " scatter plots)",
              defaults(5, 2).build()));

  private static Hyperparameters.Builder defaults(int epochs, int latent) {
    return Hyperparameters.builder()
        .put("epochs", epochs)
        .put("steps", 0)
        .put("batch_size", 128)
        .put("learning_rate", 1e-3)
        .put("schedule", "constant")
        .put("latent_dim", latent)
        .put("beta", 1.0)
        .put("holdout_class", "");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "variational autoencoders (convolutional, fully connected, beta-VAE): encode,"
        + " reconstruct, sample, score anomalies";
  }

  @Override
  public Task task() {
    return Task.IMAGE_GENERATION;
  }

  @Override
  public List<Variant> variants() {
    return VARIANTS;
  }

  @Override
  public Set<Op> needs(String variant) {
    EnumSet<Op> ops = EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR);
    if (!"mlp-vae".equals(variant)) {
      ops.add(Op.CONV2D);
    }
    return ops;
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    String variantName = start.variant();
    Hyperparameters hp = start.hyperparameters();
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = data.train();
    VaeArchitectures.check(variantName, hp, train.height(), train.width());
    int heldOut = Holdout.resolve(hp.get("holdout_class"), train.classNames());
    if (heldOut >= 0) {
      Holdout.mask(data.test(), heldOut);
    }
    EngineChoice choice = context.chooseEngine("training vae/" + variantName, needs(variantName));
    context.log().println("Data: " + data.origin() + ".");
    if (request.limit() != null && request.limit() < train.size()) {
      train = train.first(request.limit());
      context.log().println("Training on the first " + train.size() + " images (--limit).");
    }
    long seed = start.seed(context.seed());
    TrainingSummary summary;
    try (VariationalAutoencoder model =
        new VariationalAutoencoder(
            variantName, hp, train.classNames(), train.height(), train.width(), choice, seed)) {
      context.log().printf("Training vae/%s (%s) on %d images.%n", variantName, hp, train.size());
      summary =
          model.fit(
              train,
              data.test(),
              request.out(),
              start.resume(),
              context.log(),
              context.interactive());
    }
    return VaeRuns.trainReport(variantName, hp, data, summary);
  }

  @Override
  public Report evaluate(Path checkpoint, RunContext context) {
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    DataSplits data = FashionMnist.locate(context.data());
    try (VariationalAutoencoder model = open(cp, context)) {
      context.log().println("Data: " + data.origin() + ".");
      return VaeRuns.evaluateReport(model, cp, data);
    }
  }

  @Override
  public Report encode(Path checkpoint, List<String> inputs, RunContext context) {
    return onImages(checkpoint, inputs, context, "encode", VaeRuns::encodeReport);
  }

  @Override
  public Report score(Path checkpoint, List<String> inputs, RunContext context) {
    return onImages(checkpoint, inputs, context, "score", VaeRuns::scoreReport);
  }

  /** The report of an action on image files, read before the model is loaded. */
  private Report onImages(
      Path checkpoint, List<String> inputs, RunContext context, String verb, ImageAction action) {
    if (inputs.isEmpty()) {
      throw new ZooException("Name at least one PNG or JPEG image to " + verb + ".");
    }
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    List<float[]> images = VaeRuns.readImages(cp, inputs);
    try (VariationalAutoencoder model = open(cp, context)) {
      return action.report(model, cp, inputs, images);
    }
  }

  /** An action's report on image files: their names and pixels. */
  private interface ImageAction {
    Report report(
        VariationalAutoencoder model, Checkpoint cp, List<String> names, List<float[]> images);
  }

  @Override
  public Report generate(GenerateRequest request, RunContext context) {
    VaeRuns.checkGenerateRequest(request);
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (VariationalAutoencoder model = open(cp, context)) {
      return VaeRuns.generate(model, cp, request, context.seed());
    }
  }

  @Override
  public Report bench(TrainRequest request, RunContext context) {
    return VaeBench.run(this, request, context);
  }

  private VariationalAutoencoder open(Checkpoint cp, RunContext context) {
    String variant = cp.info().variant();
    EngineChoice choice = context.chooseEngine("running vae/" + variant, inferenceNeeds(variant));
    return VariationalAutoencoder.load(cp, choice);
  }
}
