package dev.zoo.gan;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The GAN family: generative adversarial networks that draw Fashion-MNIST-like images. */
public final class GanFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "gan";

  /**
   * The default budget in optimizer steps (batches of 64): enough for recognisable clothes, and the
   * same on the full data set and the embedded sample.
   */
  static final int DEFAULT_STEPS = 1200;

  /** The default number of training images (0 for all): every epoch draws a grid of samples. */
  static final int DEFAULT_LIMIT = 10000;

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "dcgan",
              "DCGAN: transposed-convolution generator with batch norm, strided-convolution"
                  + " discriminator, Adam 2e-4 / 0.5",
              adam(DEFAULT_STEPS, DEFAULT_LIMIT).put("kernel", 5).build()),
          new Variant(
              "cdcgan",
              "conditional DCGAN: the dcgan networks with the class as extra input to both",
              adam(DEFAULT_STEPS, DEFAULT_LIMIT).put("kernel", 5).build()),
          new Variant(
              "mlp-gan",
              "the original fully connected GAN: ReLU generator (256-512), LeakyReLU"
                  + " discriminator (512-256) with a sigmoid output",
              adam(DEFAULT_STEPS, DEFAULT_LIMIT).build()),
          new Variant(
              "wgan",
              "Wasserstein GAN: the dcgan networks with a critic, weight clipping, RMSprop and"
                  + " five critic steps per generator step",
              Hyperparameters.builder()
                  .put("epochs", 1)
                  .put("steps", 3000)
                  .put("batch_size", 64)
                  .put("learning_rate", 5e-5)
                  .put("latent", 100)
                  .put("limit", DEFAULT_LIMIT)
                  .put("kernel", 5)
                  .put("critic_steps", 5)
                  .put("clip", 0.01)
                  .build()));

  private static Hyperparameters.Builder adam(int steps, int limit) {
    return Hyperparameters.builder()
        .put("epochs", 1)
        .put("steps", steps)
        .put("batch_size", 64)
        .put("learning_rate", 2e-4)
        .put("beta1", 0.5)
        .put("latent", 100)
        .put("limit", limit);
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
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "generative adversarial networks (DCGAN, conditional DCGAN, MLP GAN, WGAN) that draw"
        + " images from noise";
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
    EnumSet<Op> ops = EnumSet.of(Op.TRAINING, Op.LINEAR, Op.LEAKY_RELU);
    if (!variant.equals("wgan")) {
      ops.add(Op.ADAM_UPDATE);
    }
    if (!variant.equals("mlp-gan")) {
      ops.add(Op.CONV2D);
      ops.add(Op.BATCH_NORM);
    }
    return ops;
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    Path out = request.out();
    TrainingLoop.checkRunDirectory(out, request.resume());
    Checkpoint resume = request.resume() ? Checkpoint.open(out, NAME) : null;
    String variantName =
        resume == null ? variant(request.variant()).name() : resumedVariant(request, resume);
    Hyperparameters base =
        resume == null
            ? variant(variantName).defaults()
            : Hyperparameters.of(resume.info().hyperparameters());
    Map<String, String> overrides = new HashMap<>(request.overrides());
    if (request.epochs() != null) {
      overrides.put("epochs", request.epochs().toString());
    }
    epochsReplaceSteps(overrides);
    if (request.limit() != null) {
      overrides.put("limit", request.limit().toString());
    }
    Hyperparameters hp = withRequest(request, base, overrides);
    DataSplits data = FashionMnist.locate(context.data());
    ImageSet train = limited(data.train(), hp.getInt("limit"));
    int planned = plannedEpochs(hp, train.size());
    if (resume != null && planned <= resume.info().epoch()) {
      throw new ZooException(
          String.format(
              Locale.ROOT,
              "Nothing to resume: %s has already trained %d of %d epochs; pass --epochs with a"
                  + " larger number (or more --steps).",
              out,
              resume.info().epoch(),
              planned));
    }
    EngineChoice choice = context.chooseEngine("training gan/" + variantName, needs(variantName));
    context.log().println("Data: " + data.origin() + ".");
    if (train.size() < data.train().size()) {
      context.log().printf("Training on the first %d images (limit).%n", train.size());
    }
    long seed = resume != null ? resume.info().seed() : context.seed();
    List<String> labels = resume != null ? resume.info().labels() : train.classNames();
    List<Integer> shape =
        resume != null ? resume.info().inputShape() : List.of(1, train.height(), train.width());
    TrainingSummary summary;
    try (ImageGenerator model =
        new ImageGenerator(variantName, hp, labels, shape.get(1), shape.get(2), choice, seed)) {
      model.checkData(train);
      context
          .log()
          .printf(
              "Training gan/%s for %s on %d images (%s).%n",
              variantName,
              (hp.getInt("steps") > 0 ? hp.getInt("steps") + " steps, " : "")
                  + planned
                  + (planned == 1 ? " epoch" : " epochs"),
              train.size(),
              hp);
      summary = model.fit(train, out, resume, context.log(), context.interactive());
    }
    return TrainReport.of(variantName, data, train.size(), summary);
  }

  private String resumedVariant(TrainRequest request, Checkpoint resume) {
    CheckpointInfo info = resume.info();
    if (request.variant() != null && !variant(request.variant()).name().equals(info.variant())) {
      throw new ZooException(
          "Cannot resume: "
              + request.out()
              + " holds a "
              + info.variant()
              + " model, not "
              + request.variant()
              + ".");
    }
    return variant(info.variant()).name();
  }

  private static Hyperparameters withRequest(
      TrainRequest request, Hyperparameters base, Map<String, String> overrides) {
    Hyperparameters hp =
        new TrainRequest(
                request.variant(),
                request.out(),
                request.epochs(),
                request.batchSize(),
                request.learningRate(),
                null,
                request.resume(),
                overrides)
            .apply(base);
    if (hp.getInt("limit") < 0) {
      throw new ZooException("Limit must be a positive number, not " + hp.getInt("limit") + ".");
    }
    return hp;
  }

  /**
   * Makes {@code epochs} the budget when it is set and {@code steps} is not: the variants' default
   * budget is in steps, and an explicit number of epochs should not be overruled by it.
   */
  static void epochsReplaceSteps(Map<String, String> overrides) {
    if (overrides.containsKey("epochs") && !overrides.containsKey("steps")) {
      overrides.put("steps", "0");
    }
  }

  /** The epochs a run trains for: from {@code steps} when positive, else {@code epochs}. */
  static int plannedEpochs(Hyperparameters hp, int trainSize) {
    int steps = hp.has("steps") ? hp.getInt("steps") : 0;
    if (steps <= 0 || trainSize <= 0) {
      return hp.getInt("epochs");
    }
    int perEpoch = (trainSize + hp.getInt("batch_size") - 1) / hp.getInt("batch_size");
    return (steps + perEpoch - 1) / perEpoch;
  }

  private static ImageSet limited(ImageSet train, int limit) {
    return limit > 0 && limit < train.size() ? train.first(limit) : train;
  }

  @Override
  public Report evaluate(Path checkpoint, RunContext context) {
    return QualityReport.evaluate(this, Checkpoint.open(checkpoint, NAME), context);
  }

  @Override
  public Report bench(TrainRequest request, RunContext context) {
    return GanBench.run(this, request, context);
  }

  @Override
  public Report generate(GenerateRequest request, RunContext context) {
    return Sampling.generate(this, request, context);
  }

  /** JSON rows of every epoch's figures. */
  static List<Map<String, Object>> history(TrainingSummary summary) {
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochResult r : summary.epochs()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("epoch", r.epoch());
      e.putAll(r.metrics());
      e.put("images_per_s", r.examplesPerSecond());
      epochs.add(e);
    }
    return epochs;
  }
}
