package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.zoo.api.ModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A GPT-style language model of the transformer family ({@code char-gpt}, {@code bpe-gpt}), usable
 * from any application: build one for a corpus, train it, save it, measure it in bits per character
 * and generate text with a key/value cache. Close it to free its native memory.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.read(Path.of("my-texts"));
 * try (LanguageModel model = LanguageModel.builder().set("steps", 300).build(corpus)) {
 *   model.fit(corpus, Path.of("runs/my-gpt"));
 * }
 * try (LanguageModel model = LanguageModel.load(Path.of("runs/my-gpt"))) {
 *   System.out.println(model.generate("The sea", 200, new TokenSampler(0.8, 40, 0.9, 7)));
 * }
 * }</pre>
 */
public final class LanguageModel implements AutoCloseable {

  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.state";
  static final String TOKENIZER = "tokenizer.txt";
  private static final int EVAL_BATCH = 16;

  private final String variant;
  private final Hyperparameters hp;
  private final Tokenizer tokenizer;
  private final TransformerConfig config;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final TransformerNet net;

  LanguageModel(
      String variant, Hyperparameters hp, Tokenizer tokenizer, EngineChoice choice, long seed) {
    this.variant = variant;
    this.hp = hp;
    this.tokenizer = tokenizer;
    this.config = TransformerConfig.of(hp, tokenizer.size());
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.net = new TransformerNet(config);
    net.initialize(manager);
  }

  /** Starts a builder for a new, untrained model. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved model on the best engine that can run it. */
  public static LanguageModel load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved model on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static LanguageModel load(Path checkpoint, String engine) {
    TransformerFamily family = new TransformerFamily();
    return SavedModels.load(
        family,
        checkpoint,
        engine,
        (cp, choice) -> {
          family.requireLanguageModel(cp);
          return load(cp, choice);
        });
  }

  static LanguageModel load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    Tokenizer tokenizer = readTokenizer(cp);
    LanguageModel model =
        new LanguageModel(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            tokenizer,
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

  static Tokenizer readTokenizer(Checkpoint cp) {
    Object kind = cp.info().extra() == null ? null : cp.info().extra().get("tokenizer");
    try (var in = cp.open(TOKENIZER)) {
      return Tokenizers.parse(
          String.valueOf(kind), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ZooException(
          "Checkpoint " + cp.dir() + " is corrupted: its tokenizer cannot be read.", e);
    }
  }

  /**
   * Trains on {@code corpus} (every tenth record held out for validation) with the
   * hyper-parameters' epochs or steps, writing the run into {@code runDir}.
   */
  public TrainingSummary fit(Corpus corpus, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    LanguageData data =
        LanguageData.of(corpus, tokenizer, config.context(), null, w -> System.err.println(w));
    return fit(data, runDir, null, System.err, false);
  }

  TrainingSummary fit(
      LanguageData data, Path runDir, Checkpoint resume, PrintStream log, boolean interactive) {
    TrainingLoop.checkSettings(hp);
    try (LanguageModelTraining task = new LanguageModelTraining(this, data)) {
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
    }
  }

  /** Bits per character of {@code text} (each window of the context predicts its next tokens). */
  public double bitsPerCharacter(String text) {
    int[] tokens = tokenizer.encode(text, w -> {});
    if (tokens.length < 2) {
      throw new ZooException("Measuring bits per character needs at least two tokens of text.");
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
      try (NDManager scope = manager.newSubManager()) {
        NDArray logits = forward(scope, inputs, n, length, false);
        NDArray labels = scope.create(targets, new Shape(n * length));
        nats += loss.evaluate(new NDList(labels), new NDList(logits)).getFloat() * n * length;
      }
    }
    long characters = LanguageData.characters(tokenizer, tokens, 1, windows * length + 1);
    return nats / Math.log(2) / characters;
  }

  /** Next-token logits (n * length, vocabulary) of {@code n} rows of {@code length} tokens. */
  NDArray forward(NDManager scope, int[] tokens, int n, int length, boolean training) {
    NDArray x = scope.create(tokens, new Shape(n, length));
    NDArray hidden =
        net.hidden(new ParameterStore(scope, false), x, true, null, training, null, null);
    return net.logits(hidden.reshape(n * length, config.width()));
  }

  /** Generates {@code length} tokens after {@code prompt} and returns the new text. */
  public String generate(String prompt, int length, TokenSampler sampler) {
    return generate(prompt, length, sampler, s -> {}, s -> {}, true).text();
  }

  /**
   * Generates {@code length} tokens after {@code prompt}.
   *
   * @param stream receives the text as soon as each character is complete
   * @param notice receives one sentence about anything adjusted (unknown characters dropped, a
   *     prompt longer than the context cut from the left)
   * @param useCache decode with the key/value cache (one step per token) or, for comparison, run
   *     the whole context again for every token
   */
  Generation generate(
      String prompt,
      int length,
      TokenSampler sampler,
      Consumer<String> stream,
      Consumer<String> notice,
      boolean useCache) {
    if (length <= 0) {
      throw new ZooException("Length must be a positive number, not " + length + ".");
    }
    int[] start = tokenizer.encode(prompt, notice);
    if (start.length == 0) {
      start = tokenizer.encode("\n", w -> {});
      if (start.length == 0) {
        start = new int[] {0};
      }
    }
    int context = config.context();
    if (start.length > context) {
      notice.accept(
          "The prompt has "
              + start.length
              + " tokens but the model's context holds "
              + context
              + "; only the last "
              + context
              + " are used.");
      start = Arrays.copyOfRange(start, start.length - context, start.length);
    }
    List<Integer> sequence = new ArrayList<>();
    for (int t : start) {
      sequence.add(t);
    }
    StreamingText text = new StreamingText(stream);
    long t0 = System.nanoTime();
    try (KvCache cache = new KvCache(manager, config.layers())) {
      float[] logits = useCache ? prefill(cache, start) : lastLogits(start);
      for (int i = 0; i < length; i++) {
        int next = sampler.sample(logits);
        sequence.add(next);
        text.add(tokenizer.bytes(next));
        if (i == length - 1) {
          break;
        }
        if (!useCache) {
          logits = lastLogits(tail(sequence, context));
        } else if (cache.length() >= context) {
          // Learned positions end at the context: start again from the last half of it.
          cache.clear();
          logits = prefill(cache, tail(sequence, context / 2));
        } else {
          logits = step(cache, next);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Generation(text.finish(), length, seconds);
  }

  private static int[] tail(List<Integer> sequence, int n) {
    int from = Math.max(0, sequence.size() - n);
    return sequence.subList(from, sequence.size()).stream().mapToInt(Integer::intValue).toArray();
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
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(tokens, new Shape(1, tokens.length));
      NDArray hidden =
          net.hidden(new ParameterStore(scope, false), x, true, null, false, cache, null);
      NDArray last = hidden.reshape(tokens.length, config.width()).get((tokens.length - 1) + ":");
      return net.logits(last).toFloatArray();
    }
  }

  /** The logits after the last of {@code tokens}, computed from scratch. */
  float[] lastLogits(int[] tokens) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray logits = forward(scope, tokens, 1, tokens.length, false);
      return logits.get(tokens.length - 1).toFloatArray();
    }
  }

  /**
   * The attention weights of every head of {@code layer} (counted from 1) over {@code tokens}: one
   * (tokens x tokens) matrix per head, row i holding what position i attends to.
   */
  List<float[][]> attention(int[] tokens, int layer) {
    int n = tokens.length;
    try (NDManager scope = manager.newSubManager()) {
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

  /** A new key/value cache for this model; the caller closes it. */
  KvCache newCache() {
    return new KvCache(manager, config.layers());
  }

  /** Saves the model as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writeModel(writer);
      return writer.commit(describe(0, Map.of()));
    }
  }

  void writeModel(CheckpointWriter writer) {
    writer.putParameters(PARAMETERS, net);
    writer.put(TOKENIZER, out -> out.write(tokenizer.serialise().getBytes(StandardCharsets.UTF_8)));
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("tokenizer", tokenizer.kind());
    extra.put("vocabulary_size", tokenizer.size());
    return new ModelDescription(
            TransformerFamily.NAME, variant, hp, List.of(config.context()), List.of(), choice, seed)
        .at(manager.getEngine(), epoch, metrics, extra);
  }

  TransformerNet net() {
    return net;
  }

  NDManager manager() {
    return manager;
  }

  /** The variant name, e.g. {@code char-gpt}. */
  public String variant() {
    return variant;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The shape of the network. */
  public TransformerConfig config() {
    return config;
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
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
   * Text generated by {@link #generate}.
   *
   * @param text the new text
   * @param tokens how many tokens were sampled
   * @param seconds the time it took, including the prompt
   */
  record Generation(String text, int tokens, double seconds) {

    /** Tokens per second. */
    double tokensPerSecond() {
      return tokens / Math.max(seconds, 1e-9);
    }
  }

  /** Turns token bytes into text as soon as each character is complete. */
  private static final class StreamingText {
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final Consumer<String> stream;
    private final StringBuilder all = new StringBuilder();
    private ByteBuffer pending = ByteBuffer.allocate(0);

    StreamingText(Consumer<String> stream) {
      this.stream = stream;
    }

    void add(byte[] bytes) {
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
      in.put(pending).put(bytes).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, false);
      pending = in.slice();
      emit(out);
    }

    String finish() {
      CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
      decoder.decode(pending, out, true);
      decoder.flush(out);
      emit(out);
      return all.toString();
    }

    private void emit(CharBuffer out) {
      out.flip();
      if (out.hasRemaining()) {
        String s = out.toString();
        all.append(s);
        stream.accept(s);
      }
    }
  }

  /**
   * Builds a new, untrained {@link LanguageModel}: {@code char-gpt} (default) or {@code bpe-gpt}.
   */
  public static final class Builder extends ModelBuilder<Builder> {

    private Builder() {
      super(new TransformerFamily());
    }

    /** Builds the model with a tokenizer made from {@code corpus}. */
    public LanguageModel build(Corpus corpus) {
      String name = variantName();
      ((TransformerFamily) family()).requireLanguageModel(name);
      Hyperparameters hp = hyperparameters();
      TrainingLoop.checkSettings(hp);
      Tokenizer tokenizer = Tokenizers.learn(name, hp, corpus);
      TransformerConfig.of(hp, tokenizer.size());
      return new LanguageModel(name, hp, tokenizer, chooseEngine(), seed());
    }
  }
}
