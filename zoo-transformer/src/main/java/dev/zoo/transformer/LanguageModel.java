package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.TextGenerator;
import dev.zoo.api.model.TextModelBuilder;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A GPT-style language model of the transformer family ({@code char-gpt} over characters, {@code
 * bpe-gpt} over byte-level byte pairs), usable from any application: build one for a corpus, train
 * it, save it, measure it in bits per character and generate text with a key/value cache. The
 * network maps token rows {@code (N, T)}, {@code T <= context}, to next-token logits {@code (N, T,
 * vocabulary)}. Close it to free its native memory; see {@link BaseModel} on threads.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.read(Path.of("my-texts"));
 * Corpus.Split split = corpus.split(0.1);
 * Corpus train = Corpus.of(split.train(), "my texts");
 * Corpus validation = Corpus.of(split.validation(), "my texts");
 * try (LanguageModel model =
 *     LanguageModel.builder().set("steps", 300).vocabularyFrom(corpus).build()) {
 *   model.fit(train, validation, Path.of("runs/my-gpt"));
 * }
 * try (LanguageModel model = LanguageModel.load(Path.of("runs/my-gpt"))) {
 *   System.out.println(model.generate("The sea", 200, new TokenSampler(0.8, 40, 0.9, 7)));
 * }
 * }</pre>
 */
public final class LanguageModel extends TransformerModel implements TextGenerator {

  private static final int EVAL_BATCH = 16;

  private static final String NO_DATA =
      "A language model needs training text and validation text to measure itself on.";

  private final TransformerNet net;

  LanguageModel(ModelDescription description, Tokenizer tokenizer) {
    super(description, tokenizer);
    this.net = new TransformerNet(config);
    net.initialize(manager());
  }

  /** Starts a builder for a new, untrained model. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a saved model on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family or holds a classifier
   */
  public static LanguageModel load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved model on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static LanguageModel load(Path checkpoint, String engine) {
    return ModelLoader.load(new TransformerFamily(), checkpoint, engine, LanguageModel::open);
  }

  static LanguageModel open(Checkpoint checkpoint, ModelDescription description) {
    TransformerFamily.requireLanguageModel(checkpoint);
    return open(checkpoint, description, LanguageModel::new);
  }

  /**
   * Trains on next-token prediction over windows of {@code context} tokens of {@code train} with
   * the hyper-parameters' epochs or steps, AdamW and its schedule, measuring bits per character on
   * {@code validation} (at most its first 32,768 tokens) after every epoch.
   *
   * @throws InvalidDataException when {@code train} is shorter than one window or {@code
   *     validation} shorter than two tokens
   */
  @Override
  public TrainingSummary fit(Corpus train, Corpus validation, Path runDir, FitOptions options) {
    checkFit(train, validation, runDir, options, NO_DATA);
    LanguageData data =
        LanguageData.of(
            train,
            validation,
            tokenizer,
            config.context(),
            null,
            w -> options.listener().notice("Note: " + w));
    return fit(data, runDir, options);
  }

  /** Trains on prepared data. */
  TrainingSummary fit(LanguageData data, Path runDir, FitOptions options) {
    return train(
        new LanguageModelTraining(this, data),
        StepPlan.of(hyperparameters(), data.train().size()),
        data.source(),
        runDir,
        options);
  }

  /**
   * Bits per character of {@code text}: each window of the context predicts its next tokens; the
   * bits of all tokens over the characters they stand for.
   *
   * @throws InvalidDataException when the text has fewer than two tokens
   */
  @Override
  public double bitsPerCharacter(String text) {
    int[] tokens = tokenizer.encode(text, w -> {});
    if (tokens.length < 2) {
      throw new InvalidDataException(
          "Measuring bits per character needs at least two tokens of text.");
    }
    return bitsPerCharacter(tokens);
  }

  /** Bits per character of predicting {@code tokens[1..]}, window after window. */
  double bitsPerCharacter(int[] tokens) {
    int length = Math.min(config.context(), tokens.length - 1);
    int windows = (tokens.length - 1) / length;
    double nats = 0;
    Loss loss = Loss.softmaxCrossEntropyLoss();
    for (int from = 0; from < windows; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, windows - from);
      int[] inputs = new int[n * length];
      float[] targets = new float[n * length];
      for (int w = 0; w < n; w++) {
        int start = (from + w) * length;
        System.arraycopy(tokens, start, inputs, w * length, length);
        for (int i = 0; i < length; i++) {
          targets[w * length + i] = tokens[start + i + 1];
        }
      }
      try (NDManager scope = manager().newSubManager()) {
        NDArray logits = forward(scope, inputs, n, length, false);
        NDArray labels = scope.create(targets, new Shape(n * length));
        nats += loss.evaluate(new NDList(labels), new NDList(logits)).getFloat() * n * length;
      }
    }
    long characters = LanguageData.characters(tokenizer, tokens, 1, windows * length + 1);
    return nats / Math.log(2) / characters;
  }

  /** Next-token logits {@code (n * length, vocabulary)} of {@code n} rows of {@code length}. */
  NDArray forward(NDManager scope, int[] tokens, int n, int length, boolean training) {
    NDArray x = scope.create(tokens, new Shape(n, length));
    NDArray hidden =
        net.hidden(new ParameterStore(scope, false), x, true, null, training, null, null);
    return net.logits(hidden.reshape(n * length, config.dModel()));
  }

  @Override
  public String generate(String prompt, int length, TokenSampler sampler, Consumer<String> stream) {
    return Decoder.generate(this, prompt, length, sampler, stream, s -> {}, true).text();
  }

  /** Runs {@code tokens} through an empty cache and returns the logits after the last one. */
  float[] prefill(KvCache cache, int[] tokens) {
    return cached(cache, tokens);
  }

  /** Feeds one token after the cached positions and returns the logits after it. */
  float[] step(KvCache cache, int token) {
    return cached(cache, new int[] {token});
  }

  private float[] cached(KvCache cache, int[] tokens) {
    try (NDManager scope = manager().newSubManager()) {
      NDArray x = scope.create(tokens, new Shape(1, tokens.length));
      NDArray hidden =
          net.hidden(new ParameterStore(scope, false), x, true, null, false, cache, null);
      NDArray last = hidden.reshape(tokens.length, config.dModel()).get((tokens.length - 1) + ":");
      return net.logits(last).toFloatArray();
    }
  }

  /** The logits after the last of {@code tokens}, computed from scratch. */
  float[] lastLogits(int[] tokens) {
    try (NDManager scope = manager().newSubManager()) {
      NDArray logits = forward(scope, tokens, 1, tokens.length, false);
      return logits.get(tokens.length - 1).toFloatArray();
    }
  }

  /** A new key/value cache for this model; the caller closes it. */
  KvCache newCache() {
    return new KvCache(manager(), config.layers());
  }

  /**
   * The attention weights of every head of {@code layer} (counted from 1) over {@code tokens}: one
   * (tokens x tokens) matrix per head, row i holding what position i attends to.
   */
  List<float[][]> attention(int[] tokens, int layer) {
    int n = tokens.length;
    try (NDManager scope = manager().newSubManager()) {
      List<NDArray> weights = new ArrayList<>();
      NDArray x = scope.create(tokens, new Shape(1, n));
      net.hidden(new ParameterStore(scope, false), x, true, null, false, null, weights);
      float[] flat = weights.get(layer - 1).toFloatArray();
      List<float[][]> heads = new ArrayList<>();
      for (int h = 0; h < config.heads(); h++) {
        float[][] m = new float[n][n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(flat, (h * n + i) * n, m[i], 0, n);
        }
        heads.add(m);
      }
      return heads;
    }
  }

  TransformerNet net() {
    return net;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(net));
  }

  /** The shape of the network. */
  public TransformerConfig config() {
    return config;
  }

  /**
   * Builds a new, untrained {@link LanguageModel}: {@code char-gpt} (default) or {@code bpe-gpt}.
   * {@link #vocabularyFrom} learns the characters of the corpus ({@code char-gpt}) or byte-pair
   * merges of its text up to {@code vocab_size} tokens ({@code bpe-gpt}) when the model is built.
   */
  public static final class Builder extends TextModelBuilder<Builder> {

    private Builder() {
      super(new TransformerFamily(), null);
    }

    /**
     * Builds the model on its engine.
     *
     * @throws InvalidSettingException for a variant that is not a language model, a shape no
     *     transformer can have, a bad hyper-parameter, or no vocabulary
     * @throws InvalidDataException when the tokenizer cannot be learned from the corpus
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public LanguageModel build() {
      String name = variantName();
      TransformerFamily.requireLanguageModel(name);
      Hyperparameters hp = hyperparameters();
      TransformerConfig.check(hp);
      Tokenizer chosen =
          tokenizer("A language model", corpus -> Tokenizers.learn(name, hp, corpus, corpus));
      return new LanguageModel(description(hp, List.of(hp.getInt("context")), List.of()), chosen);
    }
  }
}
