package dev.zoo.gan;

import dev.zoo.api.AbstractFamily;
import dev.zoo.api.FamilyOption;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The GAN family: generative adversarial networks that draw Fashion-MNIST-like images. */
public final class GanFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "gan";

  /**
   * The default budget in optimizer steps (batches of 32): enough for recognisable clothes of every
   * kind, and the same on the full data set and the embedded sample.
   */
  static final int DEFAULT_STEPS = 3200;

  /** The default number of training images (0 for all): every epoch draws a grid of samples. */
  static final int DEFAULT_LIMIT = 10000;

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "dcgan",
              Task.IMAGE_GENERATION,
              "DCGAN: transposed-convolution generator with batch norm, strided-convolution"
                  + " discriminator, Adam 2e-4 / 0.5",
              dcganDefaults()),
          new Variant(
              "cdcgan",
              Task.IMAGE_GENERATION,
              "conditional DCGAN: the dcgan networks with the class as extra input to both",
              dcganDefaults()),
          new Variant(
              "mlp-gan",
              Task.IMAGE_GENERATION,
              "the original fully connected GAN: ReLU generator (256-512), LeakyReLU"
                  + " discriminator (512-256) with a sigmoid output",
              adam().build()),
          new Variant(
              "wgan",
              Task.IMAGE_GENERATION,
              "Wasserstein GAN: the dcgan networks with a critic, weight clipping, RMSprop and"
                  + " five critic steps per generator step",
              Hyperparameters.builder()
                  .put("epochs", 1)
                  .put("steps", 3000)
                  .put("batch_size", 64)
                  .put("optimizer", "rmsprop")
                  .put("learning_rate", 5e-5)
                  .put("latent_dim", 100)
                  .put("limit", DEFAULT_LIMIT)
                  .put("kernel", 4)
                  .put("g_channels", 128)
                  .put("d_batch_norm", false)
                  .put("critic_steps", 5)
                  .put("clip", 0.01)
                  .build()));

  /** The family's four variants, {@code dcgan} first, and its option {@code --class}. */
  public GanFamily() {
    super(
        NAME,
        "generative adversarial networks (DCGAN, conditional DCGAN, MLP GAN, WGAN) that draw"
            + " images from noise",
        VARIANTS,
        Stream.concat(
                Stream.of(
                    FamilyOption.of(
                        "--class",
                        "class",
                        "CLASS",
                        "Draw only this class (a name or an index); cdcgan models only.",
                        "generate")),
                FamilyOption.imageSampling().stream())
            .toList(),
        EnumSet.of(Op.TRAINING, Op.LINEAR, Op.LEAKY_RELU));
    renamed("latent", "latent_dim");
    command("evaluate", (request, context) -> QualityReport.evaluate(this, request, context));
    command("generate", (request, context) -> Sampling.generate(this, request, context));
    command("export", (request, context) -> Sampling.export(this, request, context));
    benchmark((request, context) -> GanBench.run(this, request, context));
  }

  /**
   * The dcgan networks' defaults: DCGAN's layers (Radford, Metz and Chintala, 2016) at half the
   * width of the usual 28x28 version (64 maps after the projection, 32 in the discriminator's first
   * layer), which draws recognisable garments within the default budget.
   */
  private static Hyperparameters dcganDefaults() {
    return adam()
        .put("kernel", 4)
        .put("g_channels", 64)
        .put("d_channels", 32)
        .put("d_batch_norm", true)
        .put("weight_init", "normal")
        .build();
  }

  private static Hyperparameters.Builder adam() {
    return Hyperparameters.builder()
        .put("epochs", 1)
        .put("steps", DEFAULT_STEPS)
        .put("batch_size", 32)
        .put("optimizer", "adam")
        .put("learning_rate", 2e-4)
        .put("beta1", 0.5)
        .put("latent_dim", 100)
        .put("limit", DEFAULT_LIMIT);
  }

  /**
   * Checkpoints written before these settings existed hold 5x5 kernels, 128 maps after the
   * generator's projection, a discriminator of 64 and 128 maps without batch norm, and started from
   * DJL's default (He) initial weights.
   */
  @Override
  public Map<String, String> legacyDefaults() {
    return Map.of(
        "kernel",
        "5",
        "g_channels",
        "128",
        "d_channels",
        "64",
        "d_batch_norm",
        "false",
        "weight_init",
        "he");
  }

  /**
   * Adam's update unless the variant is {@code wgan}, convolutions unless it is {@code mlp-gan}.
   */
  @Override
  public Set<Op> needs(String variant) {
    Set<Op> ops = super.needs(variant);
    if (!variant.equals("wgan")) {
      ops.add(Op.ADAM_UPDATE);
    }
    if (!variant.equals("mlp-gan")) {
      ops.add(Op.CONV2D);
      ops.add(Op.BATCH_NORM);
    }
    return ops;
  }

  /** Whether the variant draws a chosen class. */
  static boolean isConditional(String variant) {
    return variant.equals("cdcgan");
  }

  /** The loss the variant trains with. */
  static Objective objective(String variant) {
    return variant.equals("wgan") ? Objective.WASSERSTEIN : Objective.STANDARD;
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    String variant = start.variant();
    Hyperparameters hp = start.hyperparameters();
    int limit = limit(hp);
    // Read the data and choose the engine before printing about either, so that a refusal of
    // either is the only line the user sees.
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = trainingImages(data, limit);
    EngineChoice choice = context.chooseEngine("training gan/" + variant, needs(variant));
    context.log().println("Data: " + data.origin() + ".");
    if (train.size() < data.train().size()) {
      context.log().printf("Training on the first %d images (limit).%n", train.size());
    }
    List<String> labels = start.resuming() ? start.resume().info().labels() : train.classNames();
    List<Integer> shape =
        start.resuming()
            ? start.resume().info().inputShape()
            : List.of(1, train.height(), train.width());
    ModelDescription description =
        ModelDescription.of(NAME, variant, hp, shape, labels, choice, start.seed(context.seed()));
    TrainingSummary summary;
    try (ImageGenerator model = new ImageGenerator(description)) {
      model.checkData(train, "training");
      StepPlan plan = StepPlan.of(hp, train.size());
      context
          .log()
          .printf(
              "Training gan/%s for %s on %d images (%s).%n",
              variant,
              (plan.steps() > 0 ? plan.steps() + " steps, " : "")
                  + plan.totalEpochs()
                  + (plan.totalEpochs() == 1 ? " epoch" : " epochs"),
              train.size(),
              hp);
      summary = model.fit(train, null, request.out(), context.fitOptions(request));
    }
    return report(variant, data, train.size(), summary);
  }

  /**
   * The number of training images {@code hp} asks for, 0 for all.
   *
   * @throws InvalidSettingException when it is negative
   */
  static int limit(Hyperparameters hp) {
    int limit = hp.getInt("limit");
    if (limit < 0) {
      throw new InvalidSettingException("Limit must be a positive number, not " + limit + ".");
    }
    return limit;
  }

  /** The first {@code limit} training images of {@code data}, or all of them when it is 0. */
  static ImageSet trainingImages(DataSplits data, int limit) {
    return limit > 0 && limit < data.train().size() ? data.train().first(limit) : data.train();
  }

  /** What {@code zoo train gan} and {@code zoo run gan} print at the end of a run. */
  private static Report report(
      String variant, DataSplits data, int images, TrainingSummary summary) {
    TrainingReport report =
        TrainingReport.of(
            NAME + "/" + variant,
            summary,
            "images",
            images + (data.embedded() ? " images of the embedded sample" : " images"));
    if (summary.last() != null) {
      report.line(
          String.format(
              Locale.ROOT,
              "Last epoch: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f, discriminator"
                  + " accuracy %.3f.",
              report.last("train_d_loss"),
              report.last("train_g_loss"),
              report.last("train_d_real"),
              report.last("train_d_fake"),
              report.last("train_d_accuracy")));
    }
    return report
        .file("samples", GanTraining.SAMPLES_PNG)
        .file("per epoch", "samples-epoch-NNN.png")
        .report();
  }
}
