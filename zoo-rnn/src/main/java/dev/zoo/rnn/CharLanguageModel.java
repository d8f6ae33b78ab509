package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.ModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.BitsPerToken;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A character-level LSTM or GRU language model, usable from any application: build one for a
 * corpus, train it, save it, load it and generate text. Generation carries the recurrent state
 * forward one character at a time. Close it to free its native memory.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.read(Path.of("my-texts"));
 * try (CharLanguageModel model =
 *     CharLanguageModel.builder().vocabularyOf(corpus).set("epochs", 3).build()) {
 *   model.fit(corpus, Path.of("runs/my-lm"));
 * }
 * try (CharLanguageModel model = CharLanguageModel.load(Path.of("runs/my-lm"))) {
 *   System.out.println(model.generate("The ", 200, new TokenSampler(0.8, 20, 1.0, 7)));
 * }
 * }</pre>
 */
public final class CharLanguageModel implements AutoCloseable {

  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.state";
  static final String VOCABULARY = "vocabulary";
  private static final double VALIDATION_FRACTION = 0.1;
  private static final int EVAL_BATCH = 64;

  private final String variant;
  private final Hyperparameters hp;
  private final CharVocabulary vocabulary;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final CharRnnNet net;

  CharLanguageModel(
      String variant,
      Hyperparameters hp,
      CharVocabulary vocabulary,
      EngineChoice choice,
      long seed) {
    this.variant = variant;
    this.hp = hp;
    this.vocabulary = vocabulary;
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.net =
        new CharRnnNet(
            variant.equals("char-gru") ? RecurrentStack.Cell.GRU : RecurrentStack.Cell.LSTM,
            vocabulary.size(),
            hp.getInt("embedding"),
            hp.getInt("hidden"),
            hp.getInt("layers"),
            (float) hp.getDouble("dropout"));
    net.initialize(manager, DataType.FLOAT32, new Shape(1, hp.getInt("seq_len")));
  }

  /** Starts a builder for a new, untrained model. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved model on the best engine that can run it. */
  public static CharLanguageModel load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved model on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static CharLanguageModel load(Path checkpoint, String engine) {
    return SavedModels.load(new RnnFamily(), checkpoint, engine, CharLanguageModel::load);
  }

  static CharLanguageModel load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    if (!RnnFamily.isLanguageModel(info.variant())) {
      throw new ZooException(
          "Checkpoint "
              + cp.dir()
              + " holds a "
              + info.variant()
              + " model, not a language model.");
    }
    CharLanguageModel model =
        new CharLanguageModel(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            vocabularyOf(cp),
            choice,
            info.seed());
    try {
      cp.loadParameters(PARAMETERS, model.net, model.manager);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  static CharVocabulary vocabularyOf(Checkpoint cp) {
    Map<String, Object> extra = cp.info().extra();
    Object serialised = extra == null ? null : extra.get(VOCABULARY);
    if (!(serialised instanceof String s) || s.isBlank()) {
      throw new ZooException("Checkpoint " + cp.dir() + " has no vocabulary.");
    }
    return CharVocabulary.parse(s);
  }

  /** Trains on {@code corpus} (10% of its records held out for validation) into {@code runDir}. */
  public TrainingSummary fit(Corpus corpus, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(corpus.split(VALIDATION_FRACTION), runDir, null, null, System.err, false);
  }

  TrainingSummary fit(
      Corpus.Split split,
      Path runDir,
      Checkpoint resume,
      Integer limitWindows,
      PrintStream log,
      boolean interactive) {
    TrainingLoop.checkSettings(hp);
    int[] train = encodeCorpusText(split.trainText(), "training");
    if (limitWindows != null) {
      long keep = (long) limitWindows * seqLen() + 1;
      if (keep < train.length) {
        train = java.util.Arrays.copyOf(train, (int) keep);
      }
    }
    int[] valid = encodeCorpusText(split.validationText(), "validation");
    LanguageModelTraining task =
        new LanguageModelTraining(
            this, new TokenWindows(train, seqLen()), windowsOf(valid, "validation"), train, valid);
    try {
      return TrainingLoop.builder(task)
          .epochs(hp.getInt("epochs"))
          .steps(hp.getInt("steps"))
          .batchSize(hp.getInt("batch_size"))
          .seed(seed)
          .runDir(runDir)
          .log(log)
          .interactive(interactive)
          .build()
          .run(resume);
    } finally {
      task.close();
    }
  }

  private int[] encodeCorpusText(String text, String role) {
    return vocabulary.encode(
        text,
        unknown -> {
          throw new ZooException(
              "The " + role + " text does not fit the model's vocabulary: " + unknown);
        });
  }

  private TokenWindows windowsOf(int[] tokens, String role) {
    if (tokens.length < seqLen() + 1) {
      throw new ZooException(
          "The "
              + role
              + " text is too short ("
              + tokens.length
              + " characters) for windows of "
              + seqLen()
              + " characters; use more text or a smaller seq_len.");
    }
    return new TokenWindows(tokens, seqLen());
  }

  /**
   * Bits per character of {@code text} (cut into windows of {@code seq_len}); characters outside
   * the vocabulary are skipped, and {@code warning} hears of them.
   */
  public double bitsPerCharacter(String text, Consumer<String> warning) {
    int[] tokens = vocabulary.encode(text, warning);
    return BitsPerToken.evaluate(
        windowsOf(tokens, "evaluation"), EVAL_BATCH, manager, this::logits);
  }

  /** Bits per character of the validation part of {@code corpus}, as training measured it. */
  public double bitsPerCharacter(Corpus corpus) {
    return bitsPerCharacter(corpus.split(VALIDATION_FRACTION).validationText(), w -> {});
  }

  NDArray logits(NDManager scope, NDArray inputs) {
    return net.forward(new ParameterStore(scope, false), new NDList(inputs), false).head();
  }

  /** Generates {@code length} characters after {@code prompt} and returns them. */
  public String generate(String prompt, int length, TokenSampler sampler) {
    return generate(prompt, length, sampler, s -> {}, System.err::println);
  }

  /**
   * Generates {@code length} characters after {@code prompt}, handing each to {@code sink} as soon
   * as it is drawn. The prompt is read once; then each step feeds one character and the recurrent
   * state. Prompt characters outside the vocabulary are skipped with a {@code warning}; an empty
   * prompt starts after a line break.
   */
  public String generate(
      String prompt,
      int length,
      TokenSampler sampler,
      Consumer<String> sink,
      Consumer<String> warning) {
    if (length <= 0) {
      throw new ZooException("Length must be a positive number, not " + length + ".");
    }
    int[] context =
        vocabulary.encode(prompt == null ? "" : prompt, w -> warning.accept("Prompt: " + w));
    if (context.length == 0) {
      context = new int[] {Math.max(0, vocabulary.indexOf('\n'))};
    }
    StringBuilder text = new StringBuilder();
    try (NDManager generation = manager.newSubManager()) {
      NDList state = new NDList();
      int[] input = context;
      for (int produced = 0; produced < length; produced++) {
        float[] last;
        try (NDManager step = generation.newSubManager()) {
          NDList in = new NDList(tokens(step, input, 1, input.length));
          in.addAll(state);
          NDList out = net.forward(new ParameterStore(step, false), in, false);
          last = out.head().get(0, input.length - 1).toFloatArray();
          state.forEach(NDArray::close);
          state = new NDList();
          for (int i = 1; i < out.size(); i++) {
            NDArray kept = out.get(i);
            kept.attach(generation);
            state.add(kept);
          }
        }
        int next = sampler.sample(last);
        String ch = vocabulary.decode(next);
        text.append(ch);
        sink.accept(ch);
        input = new int[] {next};
      }
    }
    return text.toString();
  }

  static NDArray tokens(NDManager scope, int[] indices, int rows, int length) {
    return scope.create(IntBuffer.wrap(indices), new Shape(rows, length));
  }

  /** Saves the model as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writer.putParameters(PARAMETERS, net);
      return writer.commit(describe(0, Map.of()));
    }
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return new ModelDescription(
            RnnFamily.NAME, variant, hp, List.of(seqLen()), List.of(), choice, seed)
        .at(manager.getEngine(), epoch, metrics, Map.of(VOCABULARY, vocabulary.serialise()));
  }

  CharRnnNet net() {
    return net;
  }

  NDManager manager() {
    return manager;
  }

  int seqLen() {
    return hp.getInt("seq_len");
  }

  long seed() {
    return seed;
  }

  /** The variant name, {@code char-lstm} or {@code char-gru}. */
  public String variant() {
    return variant;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The characters the model knows. */
  public CharVocabulary vocabulary() {
    return vocabulary;
  }

  /** The engine and device the model runs on, and why. */
  public EngineChoice engine() {
    return choice;
  }

  /** Frees the model's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  /**
   * Builds a new, untrained {@link CharLanguageModel}: {@code char-lstm} (default) or {@code
   * char-gru}.
   */
  public static final class Builder extends ModelBuilder<Builder> {
    private CharVocabulary vocabulary;

    private Builder() {
      super(new RnnFamily());
    }

    /** The characters the model will know. */
    public Builder vocabulary(CharVocabulary vocabulary) {
      this.vocabulary = vocabulary;
      return this;
    }

    /** The characters of a whole corpus (training and validation parts). */
    public Builder vocabularyOf(Corpus corpus) {
      return vocabulary(CharVocabulary.of(corpus.text()));
    }

    /** Builds the model on its engine. */
    public CharLanguageModel build() {
      String name = variantName();
      if (!RnnFamily.isLanguageModel(name)) {
        throw new ZooException(
            "Variant " + name + " is not a language model; use char-lstm or char-gru.");
      }
      if (vocabulary == null) {
        throw new ZooException("A language model needs a vocabulary (vocabularyOf(corpus)).");
      }
      Hyperparameters hp = hyperparameters();
      RnnFamily.checkLanguageModelSettings(hp);
      return new CharLanguageModel(name, hp, vocabulary, chooseEngine(), seed());
    }
  }
}
