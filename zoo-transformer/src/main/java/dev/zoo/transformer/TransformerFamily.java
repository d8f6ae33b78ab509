package dev.zoo.transformer;

import dev.zoo.api.AbstractFamily;
import dev.zoo.api.FamilyOption;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Task;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.Variant;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The transformer family: GPT-style language models over characters and byte pairs, and a text
 * classifier, written from tensor operations, trained on English text. Each command's work is done
 * by its own class: {@link LanguageModelRun} and {@link ClassifierRun} (train, and predict for the
 * classifier), {@link EvaluateRun}, {@link GenerateRun} and {@link AttentionRun}.
 */
public final class TransformerFamily extends AbstractFamily {

  /** The family's name. */
  public static final String NAME = "transformer";

  /** The default variant: a GPT over characters. */
  public static final String CHAR_GPT = "char-gpt";

  /** The GPT over byte-pair tokens. */
  public static final String BPE_GPT = "bpe-gpt";

  /** The encoder that classifies short texts. */
  public static final String TEXT_CLASSIFIER = "text-classifier";

  private static final Set<String> LANGUAGE_MODELS = Set.of(CHAR_GPT, BPE_GPT);

  /** The steps {@code zoo run} trains when no length is given. */
  public static final int RUN_STEPS = 300;

  /**
   * The family's three variants, {@code char-gpt} first, with the text sampling options and {@code
   * --layer} of {@code zoo attention}.
   */
  public TransformerFamily() {
    super(
        NAME,
        "transformers written from tensor operations: character and byte-pair GPTs, a text"
            + " classifier",
        List.of(
            new Variant(
                CHAR_GPT,
                Task.TEXT_GENERATION,
                "a character-level GPT: 4 pre-LayerNorm blocks of causal 4-head self-attention, "
                    + "d_model 128, context 128",
                gptDefaults().build()),
            new Variant(
                BPE_GPT,
                Task.TEXT_GENERATION,
                "the same GPT over byte-level BPE tokens learned from the corpus (vocab_size 512)",
                gptDefaults().put("vocab_size", 512).build()),
            new Variant(
                TEXT_CLASSIFIER,
                Task.TEXT_CLASSIFICATION,
                "a bidirectional 2-block encoder over characters with a mean-pooled classification "
                    + "head",
                Hyperparameters.builder()
                    .put("epochs", 2)
                    .put("steps", 0)
                    .put("batch_size", 32)
                    .put("optimizer", "adamw")
                    .put("learning_rate", 1e-3)
                    .put("beta2", 0.99)
                    .put("schedule", "cosine")
                    .put("warmup_steps", 20)
                    .put("weight_decay", 0.01)
                    .put("layers", 2)
                    .put("heads", 4)
                    .put("d_model", 128)
                    .put("d_ff", 256)
                    .put("context", 128)
                    .put("dropout", 0.1)
                    .build())),
        Stream.concat(
                FamilyOption.textSampling().stream(),
                Stream.of(
                    FamilyOption.of(
                        "--layer",
                        "layer",
                        "N",
                        "The layer whose attention to draw, counted from 1 (default: the last).",
                        "attention"),
                    FamilyOption.of(
                        "--csv",
                        "csv",
                        "FILE",
                        "Write the sentence vectors of a labelled text set (the input: a folder of"
                            + " files labelled by name, or a text,label CSV) to FILE as a table"
                            + " x1..xD,label for zoo train tabular.",
                        "encode")))
            .toList(),
        EnumSet.of(
            Op.TRAINING,
            Op.ADAM_UPDATE,
            Op.LINEAR,
            Op.LAYER_NORM,
            Op.EMBEDDING,
            Op.GELU,
            Op.DROPOUT));
    renamed("width", "d_model");
    renamed("ff", "d_ff");
    command("evaluate", (request, context) -> EvaluateRun.run(this, request, context));
    command("predict", (request, context) -> ClassifierRun.predict(this, request, context));
    command("generate", (request, context) -> GenerateRun.run(this, request, context));
    command("attention", (request, context) -> AttentionRun.run(this, request, context));
    command("encode", SentenceEncoderRun::encode);
    benchmark((request, context) -> TransformerBench.run(this, request, context));
  }

  private static Hyperparameters.Builder gptDefaults() {
    return Hyperparameters.builder()
        .put("epochs", 1)
        .put("steps", 0)
        .put("batch_size", 64)
        .put("optimizer", "adamw")
        .put("learning_rate", 1e-3)
        .put("beta2", 0.99)
        .put("schedule", "cosine")
        .put("warmup_steps", 30)
        .put("weight_decay", 0.1)
        .put("layers", 4)
        .put("heads", 4)
        .put("d_model", 128)
        .put("d_ff", 512)
        .put("context", 128)
        .put("dropout", 0.1);
  }

  /**
   * Refuses a variant that is not a language model.
   *
   * @throws InvalidSettingException for {@code text-classifier}
   */
  static void requireLanguageModel(String variant) {
    if (!LANGUAGE_MODELS.contains(variant)) {
      throw new InvalidSettingException(
          "Variant " + variant + " of family " + NAME + " is not a language model.");
    }
  }

  /**
   * Refuses a variant that is not the classifier.
   *
   * @throws InvalidSettingException for a language model
   */
  static void requireClassifier(String variant) {
    if (!TEXT_CLASSIFIER.equals(variant)) {
      throw new InvalidSettingException(
          "Variant " + variant + " is not a classifier; use " + TEXT_CLASSIFIER + ".");
    }
  }

  /**
   * Refuses a checkpoint that does not hold a classifier.
   *
   * @throws CheckpointException when it holds a language model
   */
  static void requireClassifier(Checkpoint cp) {
    if (!TEXT_CLASSIFIER.equals(cp.info().variant())) {
      throw new CheckpointException(
          "Checkpoint "
              + cp.dir()
              + " holds a "
              + cp.info().variant()
              + " model, not a text-classifier.");
    }
  }

  /**
   * Refuses a checkpoint that does not hold a language model.
   *
   * @throws CheckpointException when it holds the classifier
   */
  static void requireLanguageModel(Checkpoint cp) {
    if (!LANGUAGE_MODELS.contains(cp.info().variant())) {
      throw new CheckpointException(
          "Checkpoint "
              + cp.dir()
              + " holds a "
              + cp.info().variant()
              + " model, not a language model (char-gpt or bpe-gpt).");
    }
  }

  /**
   * Trains the default variant; without {@code --epochs} or {@code --steps} it trains {@value
   * #RUN_STEPS} steps, about one pass over the Debian fortunes and many over the small embedded
   * corpus, so that the demo learns something on either in a few minutes.
   */
  @Override
  public Report run(TrainRequest request, RunContext context) {
    if (request.epochs() != null || request.overrides().containsKey("steps") || request.resume()) {
      return train(request, context);
    }
    context.log().println("zoo run trains " + RUN_STEPS + " steps; --epochs or --steps change it.");
    return train(request.with("steps", RUN_STEPS), context);
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    TrainingStart start = TrainingStart.of(this, request);
    return TEXT_CLASSIFIER.equals(start.variant())
        ? ClassifierRun.train(this, start, request, context)
        : LanguageModelRun.train(this, start, request, context);
  }

  /**
   * The description of a new model of {@code variant} with {@code hp}, on the engine the context
   * chooses for training it; its input is a row of {@code context} tokens.
   *
   * @param labels the class names, or empty for a language model
   * @throws dev.zoo.api.common.EngineException when no engine can train the variant
   */
  ModelDescription forTraining(
      String variant, Hyperparameters hp, List<String> labels, long seed, RunContext context) {
    EngineChoice choice = context.chooseEngine("training " + NAME + "/" + variant, needs(variant));
    return ModelDescription.of(
        NAME, variant, hp, List.of(hp.getInt("context")), labels, choice, seed);
  }
}
