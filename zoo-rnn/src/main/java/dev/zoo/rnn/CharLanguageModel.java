package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.TextGenerator;
import dev.zoo.api.model.TextModelBuilder;
import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.text.BitsPerToken;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A character-level LSTM or GRU language model ({@link CharRnnNet}), usable from any application:
 * build one for a corpus, train it, save it, load it, generate text and measure bits per character.
 * Its {@link Tokenizer} is a {@link CharVocabulary}: one token per character (Unicode code point)
 * of the corpus it was built for, stored in its checkpoint. The network reads token indices {@code
 * (N, context)} and gives logits {@code (N, context, vocabulary)}; generation carries the recurrent
 * state forward one character at a time. Close it to free its native memory; see {@link BaseModel}
 * on threads.
 *
 * <p>The model follows Karpathy's char-rnn ("The Unreasonable Effectiveness of Recurrent Neural
 * Networks", 2015): LSTM (Hochreiter and Schmidhuber, 1997) or GRU (Cho et al., 2014) layers over
 * character embeddings, trained by truncated back-propagation through time (Williams and Peng,
 * 1990) on windows that start from a zero state.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.read(Path.of("my-texts"));
 * Corpus.Split split = corpus.split(0.1);
 * try (CharLanguageModel model =
 *     CharLanguageModel.builder().vocabularyFrom(corpus).set("epochs", 3).build()) {
 *   model.fit(Corpus.of(split.train(), "train"), Corpus.of(split.validation(), "validation"),
 *       Path.of("runs/my-lm"));
 * }
 * try (CharLanguageModel model = CharLanguageModel.load(Path.of("runs/my-lm"))) {
 *   System.out.println(model.generate("The ", 200, new TokenSampler(0.8, 20, 1.0, 7)));
 * }
 * }</pre>
 */
public final class CharLanguageModel extends BaseModel<Corpus> implements TextGenerator {

  private static final int EVAL_BATCH = 64;

  private final Tokenizer tokenizer;
  private final CharRnnNet net;

  CharLanguageModel(ModelDescription description) {
    this(description, StoredTokenizer.of(description));
  }

  private CharLanguageModel(ModelDescription description, Tokenizer tokenizer) {
    super(description);
    this.tokenizer = tokenizer;
    this.net = network(description, tokenizer.size());
    net.initialize(manager(), DataType.FLOAT32, new Shape(1, context()));
  }

  /**
   * The network of {@code description}'s variant ({@code char-lstm} or {@code char-gru}) over
   * {@code vocabulary} tokens, not initialised.
   */
  static CharRnnNet network(ModelDescription description, int vocabulary) {
    Hyperparameters hp = description.hyperparameters();
    return new CharRnnNet(
        description.variant().equals("char-gru")
            ? RecurrentStack.Cell.GRU
            : RecurrentStack.Cell.LSTM,
        vocabulary,
        hp.getInt("embedding"),
        hp.getInt("hidden"),
        hp.getInt("layers"),
        (float) hp.getDouble("dropout"));
  }

  /**
   * The description of a new language model of {@code variant} over {@code tokenizer}: its input is
   * a window of {@code context} tokens.
   */
  static ModelDescription description(
      String variant, Hyperparameters hp, Tokenizer tokenizer, EngineChoice choice, long seed) {
    return ModelDescription.of(
            RnnFamily.NAME, variant, hp, List.of(hp.getInt("context")), List.of(), choice, seed)
        .withExtra(StoredTokenizer.extra(tokenizer));
  }

  /** Starts a builder for a new, untrained model. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the pretrained model called {@code name} from the zoo-models jar on the class path, e.g.
   * {@code fortunes/char-lstm} ({@code zoo models} lists them with their model cards), on the best
   * engine that can run it; its files are checked against their SHA-256 first.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws dev.zoo.api.common.CheckpointException when its files are missing or damaged
   */
  public static CharLanguageModel pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, new RnnFamily().name()));
  }

  /**
   * Loads a saved model on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws CheckpointException when the checkpoint is missing, corrupted, of another family or of
   *     the forecaster
   */
  public static CharLanguageModel load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /**
   * Loads a saved model on the named engine ({@code pytorch}, {@code mxnet}), or the best.
   *
   * @throws CheckpointException when the checkpoint is missing, corrupted, of another family or of
   *     the forecaster
   * @throws dev.zoo.api.common.EngineException when no engine can run it
   */
  public static CharLanguageModel load(Path checkpoint, String engine) {
    return ModelLoader.load(new RnnFamily(), checkpoint, engine, CharLanguageModel::open);
  }

  static CharLanguageModel open(Checkpoint checkpoint, ModelDescription description) {
    if (!new RnnFamily().isLanguageModel(description.variant())) {
      throw new CheckpointException(
          "Checkpoint "
              + checkpoint.dir()
              + " holds a "
              + description.variant()
              + " model, not a language model.");
    }
    CharLanguageModel model = new CharLanguageModel(description);
    model.restore(checkpoint);
    return model;
  }

  /**
   * Trains by truncated back-propagation through time on windows of {@code context} characters of
   * {@code train}'s text, and after every epoch measures bits per character on windows of {@code
   * validation}'s text (see {@link CharRnnTraining}).
   *
   * @throws InvalidDataException when either text has characters outside the vocabulary, or is
   *     shorter than one window
   */
  @Override
  public TrainingSummary fit(Corpus train, Corpus validation, Path runDir, FitOptions options) {
    if (validation == null) {
      throw new InvalidDataException(
          "A language model needs validation text to measure bits per character on.");
    }
    int[] trainTokens = encodeAll(train.text(), "training");
    int[] validTokens = encodeAll(validation.text(), "validation");
    CharRnnTraining task =
        new CharRnnTraining(
            this,
            windowsOf(trainTokens, "training"),
            windowsOf(validTokens, "validation"),
            unigramBits(trainTokens, validTokens));
    return train(task, StepPlan.of(hyperparameters(), task.trainSize()), train, runDir, options);
  }

  /**
   * Bits per character of {@code validation} under the character frequencies of {@code train}: the
   * baseline the model must beat, defined for a character vocabulary (NaN for other tokenizers).
   */
  double unigramBits(int[] train, int[] validation) {
    return tokenizer instanceof CharVocabulary characters
        ? characters.unigramBits(train, validation)
        : Double.NaN;
  }

  private int[] encodeAll(String text, String role) {
    return tokenizer.encode(
        text,
        unknown -> {
          throw new InvalidDataException(
              "The " + role + " text does not fit the model's vocabulary: " + unknown);
        });
  }

  private TokenWindows windowsOf(int[] tokens, String role) {
    if (tokens.length < context() + 1) {
      throw new InvalidDataException(
          "The "
              + role
              + " text is too short ("
              + tokens.length
              + " characters) for windows of "
              + context()
              + " characters; use more text or a smaller context.");
    }
    return new TokenWindows(tokens, context());
  }

  /**
   * Bits per character of {@code text}, cut into consecutive windows of {@code context} characters,
   * each read from a zero state (a tail shorter than a window is not scored); characters outside
   * the vocabulary are skipped.
   *
   * @throws InvalidDataException when the text is shorter than one window
   */
  @Override
  public double bitsPerCharacter(String text) {
    int[] tokens = tokenizer.encode(text, unknown -> {});
    return BitsPerToken.evaluate(
        windowsOf(tokens, "evaluation"), EVAL_BATCH, manager(), this::logits);
  }

  /** Logits {@code (N, context, vocabulary)} of token indices {@code (N, context)}. */
  NDArray logits(NDManager scope, NDArray inputs) {
    return net.forward(new ParameterStore(scope, false), new NDList(inputs), false).head();
  }

  /**
   * Generates {@code length} characters after {@code prompt}, handing each to {@code stream} as
   * soon as it is drawn. Prompt characters outside the vocabulary are skipped; an empty prompt
   * starts after a line break.
   *
   * @throws InvalidSettingException when {@code length} is not positive
   */
  @Override
  public String generate(String prompt, int length, TokenSampler sampler, Consumer<String> stream) {
    return generate(prompt, length, sampler, stream, unknown -> {});
  }

  /**
   * {@link #generate(String, int, TokenSampler, Consumer)} telling {@code notice} in one sentence
   * of prompt characters it skipped. The prompt is read once; then each step feeds one character
   * and the recurrent state.
   */
  String generate(
      String prompt,
      int length,
      TokenSampler sampler,
      Consumer<String> stream,
      Consumer<String> notice) {
    if (length <= 0) {
      throw new InvalidSettingException("Length must be a positive number, not " + length + ".");
    }
    int[] input = promptTokens(tokenizer, prompt, notice);
    StringBuilder text = new StringBuilder();
    RecurrentGeneration.run(
        net,
        manager(),
        input,
        length,
        sampler,
        next -> {
          String ch = tokenizer.decode(new int[] {next});
          text.append(ch);
          stream.accept(ch);
        });
    return text.toString();
  }

  /**
   * The tokens of {@code prompt} that generation continues: its characters in the vocabulary
   * (skipped ones told to {@code notice}), else a line break, else token 0.
   */
  static int[] promptTokens(Tokenizer tokenizer, String prompt, Consumer<String> notice) {
    int[] input =
        tokenizer.encode(prompt == null ? "" : prompt, w -> notice.accept("Prompt: " + w));
    if (input.length == 0) {
      input = tokenizer.encode("\n", w -> {});
    }
    if (input.length == 0) {
      input = new int[] {0};
    }
    return input;
  }

  /** The model's tokenizer: a {@link CharVocabulary}, one token per character. */
  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The length of a training or evaluation window, in characters. */
  public int context() {
    return hyperparameters().getInt("context");
  }

  CharRnnNet net() {
    return net;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(net));
  }

  /**
   * Builds a new, untrained {@link CharLanguageModel}: {@code char-lstm} (default) or {@code
   * char-gru}, over the vocabulary of a corpus.
   */
  public static final class Builder extends TextModelBuilder<Builder> {

    private Builder() {
      super(new RnnFamily(), null);
    }

    /**
     * Builds the model on its engine, its vocabulary the characters of the corpus given to {@link
     * #vocabularyFrom} (its training and validation parts) or the tokenizer given.
     *
     * @throws InvalidSettingException for a variant that is not a language model, no vocabulary, or
     *     a bad hyper-parameter
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public CharLanguageModel build() {
      String name = variantName();
      if (!new RnnFamily().isLanguageModel(name)) {
        throw new InvalidSettingException(
            "Variant " + name + " is not a language model; use char-lstm or char-gru.");
      }
      Hyperparameters hp = hyperparameters();
      RnnSettings.checkLanguageModel(hp);
      Tokenizer tokenizer =
          tokenizer("A language model", corpus -> CharVocabulary.of(corpus.text()));
      return new CharLanguageModel(
          description(hp, List.of(hp.getInt("context")), List.of())
              .withExtra(StoredTokenizer.extra(tokenizer)));
    }
  }
}
