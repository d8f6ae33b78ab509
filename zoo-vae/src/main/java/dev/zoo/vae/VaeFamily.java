package dev.zoo.vae;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.AbstractFamily;
import dev.zoo.api.FamilyOption;
import dev.zoo.api.ImageSampling;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.Reportable;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.engine.Op;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.OnnxModels;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The VAE family: variational autoencoders of grey images (Kingma and Welling, "Auto-Encoding
 * Variational Bayes", 2014; beta-VAE: Higgins et al., 2017) that encode, reconstruct, sample, and
 * score images by their negative ELBO to flag what looks unlike the training data.
 */
public final class VaeFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "vae";

  private static final String WHAT = "a VAE";

  /**
   * The family's two variants, {@code conv-vae} first; {@code --beta} and {@code --holdout-class}
   * on training, {@code --count} and {@code --format} on generation.
   */
  public VaeFamily() {
    super(
        NAME,
        "variational autoencoders (convolutional, fully connected, beta-VAE): encode,"
            + " reconstruct, sample, score anomalies",
        List.of(
            new Variant(
                "conv-vae",
                Task.REPRESENTATION_LEARNING,
                "convolutional encoder (32, 64 channels, stride 2), transposed-convolution decoder,"
                    + " latent 16",
                defaults(2, 16).build()),
            new Variant(
                "mlp-vae",
                Task.REPRESENTATION_LEARNING,
                "fully connected encoder 512-256 and decoder 256-512, latent 2 (manifold and"
                    + " scatter plots)",
                defaults(5, 2).build())),
        Stream.concat(
                Stream.of(
                    FamilyOption.of(
                        "--beta",
                        "beta",
                        "B",
                        "Weight of the KL term: 1 is the plain VAE, above 1 a beta-VAE (default 1).",
                        "train"),
                    FamilyOption.of(
                        "--holdout-class",
                        "holdout_class",
                        "CLASS",
                        "Leave this class out of training and report how well the negative ELBO"
                            + " tells it from the others (ROC-AUC on the test set).",
                        "train"),
                    FamilyOption.of(
                        "--part",
                        "part",
                        "PART",
                        "The network to export: decoder (codes to images, the default) or encoder"
                            + " (images to the latent mean and log-variance).",
                        "export")),
                FamilyOption.imageSampling().stream())
            .toList(),
        EnumSet.of(Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR));
    alsoNeeds("conv-vae", Op.CONV2D);
    benchmark((request, context) -> VaeBench.run(this, request, context));
  }

  private static Hyperparameters.Builder defaults(int epochs, int latent) {
    return Hyperparameters.builder()
        .put("epochs", epochs)
        .put("steps", 0)
        .put("batch_size", 128)
        .put("optimizer", "adam")
        .put("learning_rate", 1e-3)
        .put("schedule", "constant")
        .put("latent_dim", latent)
        .put("beta", 1.0)
        .put("holdout_class", "");
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    return VaeTrainRun.run(this, request, context);
  }

  /** The negative ELBO and its terms on the test data, and the held-out class's ROC-AUC. */
  @Override
  public Report evaluate(ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval vae");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    DataSplits data = FashionMnist.locate(context.data());
    try (VariationalAutoencoder model =
        ModelLoader.load(this, cp, context, VariationalAutoencoder::new)) {
      context.log().println("Data: " + data.origin() + ".");
      return VaeEvaluation.measure(model, cp, data).report();
    }
  }

  /** The latent mean of each input image, read before the model is loaded. */
  @Override
  public Report encode(ModelRequest request, RunContext context) {
    return onImages(request, "encode", context, LatentCodes::of);
  }

  /** Each input image's negative ELBO, highest first, read before the model is loaded. */
  @Override
  public Report score(ModelRequest request, RunContext context) {
    return onImages(request, "score", context, AnomalyScores::of);
  }

  /** Reads the image files {@code request} names for {@code verb}, then loads the model. */
  private Report onImages(
      ModelRequest request,
      String verb,
      RunContext context,
      BiFunction<VariationalAutoencoder, ImageInputs, Reportable> result) {
    ImageInputs inputs = ImageInputs.read(request, verb);
    try (VariationalAutoencoder model =
        ModelLoader.load(this, inputs.checkpoint(), context, VariationalAutoencoder::new)) {
      return result.apply(model, inputs).report();
    }
  }

  /** Images decoded from codes drawn from the prior with the context's seed. */
  @Override
  public Report generate(ModelRequest request, RunContext context) {
    request.allowOnly(WHAT + ", which draws images", "count", "format");
    ImageSampling sampling = ImageSampling.from(request, WHAT);
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (VariationalAutoencoder model =
        ModelLoader.load(this, cp, context, VariationalAutoencoder::new)) {
      long seed = context.seed();
      return sampling.write(
          NAME + "/" + model.variant(), model.sample(sampling.count(), seed), 0, "", seed);
    }
  }

  /**
   * Writes the decoder ({@code --part decoder}, the default: codes {@code (N, latent)} to images
   * {@code (N, 1, H, W)} in [0, 1]) or the encoder ({@code --part encoder}: images to {@code (N, 2
   * latent)}, mean then log-variance) as an ONNX file.
   */
  @Override
  public Report export(ModelRequest request, RunContext context) {
    request.allowOnly("zoo export vae", "part");
    String part = request.text("part", "decoder").trim().toLowerCase(Locale.ROOT);
    if (!part.equals("decoder") && !part.equals("encoder")) {
      throw new InvalidSettingException(
          "--part must be decoder or encoder, not '" + request.text("part", "") + "'.");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    try (VariationalAutoencoder model =
        ModelLoader.load(this, cp, context, VariationalAutoencoder::new)) {
      boolean decoder = part.equals("decoder");
      return OnnxModels.export(
          model,
          cp,
          decoder ? model.network().decoderBlock() : model.network().encoderBlock(),
          decoder ? new Shape(model.latentDim()) : new Shape(1, model.height(), model.width()),
          part,
          request);
    }
  }
}
