package dev.zoo.transformer;

import dev.zoo.api.AttentionRequest;
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
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import dev.zoo.api.image.HeatMapGrid;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.RunStart;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The transformer family: a character-level GPT written from tensor operations, trained on an
 * English corpus, with key/value-cached generation.
 */
public final class TransformerFamily implements ModelFamily {

  /** The family's name. */
  public static final String NAME = "transformer";

  /** The default variant. */
  public static final String CHAR_GPT = "char-gpt";

  /** The GPT over byte-pair tokens. */
  public static final String BPE_GPT = "bpe-gpt";

  /** The encoder that classifies short texts. */
  public static final String TEXT_CLASSIFIER = "text-classifier";

  private static final Set<String> LANGUAGE_MODELS = Set.of(CHAR_GPT, BPE_GPT);

  /** The steps {@code zoo run} trains when no length is given. */
  public static final int RUN_STEPS = 300;

  private static final int SAMPLES = 3;
  private static final int SAMPLE_LENGTH = 160;

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              CHAR_GPT,
              "a character-level GPT: 4 pre-LayerNorm blocks of causal 4-head self-attention, "
                  + "width 128, context 128",
              gptDefaults().build()),
          new Variant(
              BPE_GPT,
              "the same GPT over byte-level BPE tokens learned from the corpus (vocab_size 512)",
              gptDefaults().put("vocab_size", 512).build()),
          new Variant(
              TEXT_CLASSIFIER,
              "a bidirectional 2-block encoder over characters with a mean-pooled classification "
                  + "head",
              Hyperparameters.builder()
                  .put("epochs", 2)
                  .put("steps", 0)
                  .put("batch_size", 32)
                  .put("learning_rate", 1e-3)
                  .put("schedule", "cosine")
                  .put("warmup_steps", 20)
                  .put("weight_decay", 0.01)
                  .put("layers", 2)
                  .put("heads", 4)
                  .put("width", 128)
                  .put("ff", 256)
                  .put("context", 128)
                  .put("dropout", 0.1)
                  .build()));

  private static Hyperparameters.Builder gptDefaults() {
    return Hyperparameters.builder()
        .put("epochs", 1)
        .put("steps", 0)
        .put("batch_size", 64)
        .put("learning_rate", 1e-3)
        .put("schedule", "cosine")
        .put("warmup_steps", 30)
        .put("weight_decay", 0.1)
        .put("layers", 4)
        .put("heads", 4)
        .put("width", 128)
        .put("ff", 512)
        .put("context", 128)
        .put("dropout", 0.1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "transformers written from tensor operations: character and byte-pair GPTs, a text classifier";
  }

  @Override
  public Task task() {
    return Task.TEXT_GENERATION;
  }

  @Override
  public List<Variant> variants() {
    return VARIANTS;
  }

  @Override
  public Set<Op> needs(String variant) {
    return EnumSet.of(
        Op.TRAINING, Op.ADAM_UPDATE, Op.LINEAR, Op.LAYER_NORM, Op.EMBEDDING, Op.GELU, Op.DROPOUT);
  }

  /** Refuses a variant that is not a language model. */
  void requireLanguageModel(String variant) {
    if (!LANGUAGE_MODELS.contains(variant)) {
      throw new ZooException(
          "Variant " + variant + " of family " + NAME + " is not a language model.");
    }
  }

  /** Refuses a checkpoint that does not hold a classifier. */
  void requireClassifier(Checkpoint cp) {
    if (!TEXT_CLASSIFIER.equals(cp.info().variant())) {
      throw new ZooException(
          "Checkpoint "
              + cp.dir()
              + " holds a "
              + cp.info().variant()
              + " model, not a text-classifier.");
    }
  }

  /** Refuses a checkpoint that does not hold a language model. */
  void requireLanguageModel(Checkpoint cp) {
    if (!LANGUAGE_MODELS.contains(cp.info().variant())) {
      throw new ZooException(
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
    Map<String, String> overrides = new LinkedHashMap<>(request.overrides());
    overrides.put("steps", Integer.toString(RUN_STEPS));
    context.log().println("zoo run trains " + RUN_STEPS + " steps; --epochs or --steps change it.");
    return train(
        new TrainRequest(
            request.variant(),
            request.out(),
            null,
            request.batchSize(),
            request.learningRate(),
            request.limit(),
            false,
            overrides),
        context);
  }

  @Override
  public Report train(TrainRequest request, RunContext context) {
    Path out = request.out();
    RunStart start = RunStart.of(this, request);
    String variantName = start.variant();
    Hyperparameters hp = start.hyperparameters();
    Checkpoint resume = start.resume();
    if (TEXT_CLASSIFIER.equals(variantName)) {
      return ClassifierRun.train(this, start, request, context);
    }
    requireLanguageModel(variantName);
    Corpus corpus = Corpus.locate(context.data());
    Tokenizer tokenizer =
        resume != null
            ? LanguageModel.readTokenizer(resume)
            : Tokenizers.learn(variantName, hp, corpus);
    TransformerConfig.of(hp, tokenizer.size());
    LanguageData data =
        LanguageData.of(
            corpus,
            tokenizer,
            hp.getInt("context"),
            request.limit(),
            w -> context.log().println("Note: " + w));
    if (resume != null) {
      checkSomethingToResume(out, resume.info(), hp, data.train().size());
    }
    EngineChoice choice =
        context.chooseEngine("training transformer/" + variantName, needs(variantName));
    context.log().println("Data: " + corpus.origin() + ".");
    context
        .log()
        .printf(
            Locale.ROOT,
            "Training transformer/%s (%s) on %,d windows of %d tokens; validation on %,d "
                + "characters, unigram baseline %.3f bits per character.%n",
            variantName,
            hp,
            data.train().size(),
            data.train().length(),
            data.validationCharacters(),
            data.unigramBits());
    long seed = start.seed(context.seed());
    try (LanguageModel model = new LanguageModel(variantName, hp, tokenizer, choice, seed)) {
      TrainingSummary summary = model.fit(data, out, resume, context.log(), context.interactive());
      List<String> samples = new ArrayList<>();
      TokenSampler sampler = new TokenSampler(0.8, 40, 0.9, seed);
      for (int i = 0; i < SAMPLES; i++) {
        samples.add(model.generate("", SAMPLE_LENGTH, sampler));
      }
      return trainReport(variantName, data, summary, samples);
    }
  }

  static void checkSomethingToResume(
      Path out, CheckpointInfo info, Hyperparameters hp, int windows) {
    int batch = hp.getInt("batch_size");
    int stepsPerEpoch = (windows + batch - 1) / batch;
    int steps = hp.getInt("steps");
    int epochs = steps > 0 ? (steps + stepsPerEpoch - 1) / stepsPerEpoch : hp.getInt("epochs");
    if (epochs <= info.epoch()) {
      throw new ZooException(
          "Nothing to resume: "
              + out
              + " has already trained "
              + info.epoch()
              + " of "
              + epochs
              + " epochs; pass --epochs or --steps with a larger number.");
    }
  }

  private Report trainReport(
      String variant, LanguageData data, TrainingSummary summary, List<String> samples) {
    Path run = summary.runDir();
    EpochResult last = summary.last();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained transformer/%s to epoch %d in %.1f s on %,d characters%s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            data.trainCharacters(),
            data.embedded() ? " of the embedded corpus" : ""));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    if (last != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "Validation %.3f bits per character (unigram baseline %.3f), training loss %.4f, "
                  + "%,.0f tokens/s in training.%n",
              last.metrics().get("val_bpc"),
              data.unigramBits(),
              last.metrics().get("train_loss"),
              last.examplesPerSecond()));
      json.put("bpc", last.metrics().get("val_bpc"));
      json.put("train_loss", last.metrics().get("train_loss"));
      json.put("tokens_per_s", last.examplesPerSecond());
    }
    json.put("unigram_bpc", data.unigramBits());
    text.append("Samples:\n");
    for (String s : samples) {
      text.append("  ").append(s.strip().replace("\n", "\n  ")).append("\n  ---\n");
    }
    json.put("samples", samples);
    text.append("Run directory: ").append(run).append('\n');
    text.append("  checkpoint         ").append(run.resolve(Checkpoint.DIR)).append('\n');
    text.append("  metrics            ").append(run.resolve("metrics.jsonl")).append('\n');
    json.put("seconds", summary.seconds());
    json.put("run_dir", run.toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", data.origin());
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochResult r : summary.epochs()) {
      Map<String, Object> e = new LinkedHashMap<>(r.metrics());
      e.put("epoch", r.epoch());
      e.put("tokens_per_s", r.examplesPerSecond());
      epochs.add(e);
    }
    json.put("history", epochs);
    return new Report(text.toString(), json);
  }

  @Override
  public Report bench(TrainRequest request, RunContext context) {
    return TransformerBench.run(this, request, context);
  }

  @Override
  public Report predict(Path checkpoint, List<String> inputs, RunContext context) {
    return ClassifierRun.predict(this, checkpoint, inputs, context);
  }

  @Override
  public Report evaluate(Path checkpoint, RunContext context) {
    Checkpoint cp = Checkpoint.open(checkpoint, NAME);
    if (TEXT_CLASSIFIER.equals(cp.info().variant())) {
      return ClassifierRun.evaluate(this, cp, context);
    }
    requireLanguageModel(cp);
    String variant = cp.info().variant();
    Corpus corpus = Corpus.locate(context.data());
    Tokenizer tokenizer = LanguageModel.readTokenizer(cp);
    int contextLength = Hyperparameters.of(cp.info().hyperparameters()).getInt("context");
    LanguageData data =
        LanguageData.of(
            corpus, tokenizer, contextLength, null, w -> context.log().println("Note: " + w));
    EngineChoice choice =
        context.chooseEngine("running transformer/" + variant, inferenceNeeds(variant));
    context.log().println("Data: " + corpus.origin() + ".");
    try (LanguageModel model = LanguageModel.load(cp, choice)) {
      double bpc = model.bitsPerCharacter(data.validation());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bpc", bpc);
      json.put("unigram_bpc", data.unigramBits());
      json.put("characters", data.validationCharacters());
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", variant);
      json.put("engine", choice.backend().name());
      json.put("data", corpus.origin());
      String text =
          String.format(
              Locale.ROOT,
              "Evaluated transformer/%s from %s on %,d validation characters of %s.%n"
                  + "Bits per character %.4f (unigram baseline %.4f).%n",
              variant,
              cp.dir(),
              data.validationCharacters(),
              corpus.origin(),
              bpc,
              data.unigramBits());
      return new Report(text, json);
    }
  }

  @Override
  public Report generate(GenerateRequest request, RunContext context) {
    refuseImageOptions(request);
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    requireLanguageModel(cp);
    String variant = cp.info().variant();
    int length = request.length() == null ? 400 : request.length();
    TokenSampler sampler =
        new TokenSampler(
            request.temperature() == null ? 0.8 : request.temperature(),
            request.topK() == null ? 40 : request.topK(),
            request.topP() == null ? 0.9 : request.topP(),
            context.seed());
    String prompt = request.prompt() == null ? "" : request.prompt();
    EngineChoice choice =
        context.chooseEngine("running transformer/" + variant, inferenceNeeds(variant));
    boolean stream = !context.json();
    try (LanguageModel model = LanguageModel.load(cp, choice)) {
      if (stream) {
        context.out().print(prompt);
        context.out().flush();
      }
      LanguageModel.Generation g =
          model.generate(
              prompt,
              length,
              sampler,
              s -> {
                if (stream) {
                  context.out().print(s);
                  context.out().flush();
                }
              },
              notice -> context.log().println("Note: " + notice),
              true);
      context
          .log()
          .printf(
              Locale.ROOT,
              "%nGenerated %d tokens in %.2f s (%.0f tokens/s).%n",
              g.tokens(),
              g.seconds(),
              g.tokensPerSecond());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("prompt", prompt);
      json.put("text", g.text());
      json.put("tokens", g.tokens());
      json.put("tokens_per_s", g.tokensPerSecond());
      json.put("variant", variant);
      json.put("engine", choice.backend().name());
      return new Report(stream ? "" : prompt + g.text(), json);
    }
  }

  @Override
  public Report attention(AttentionRequest request, RunContext context) {
    Path out = request.out() == null ? Path.of("attention.png") : request.out();
    if (!out.toString().endsWith(".png") || java.nio.file.Files.isDirectory(out)) {
      throw new ZooException("The attention picture must be a .png file, not " + out + ".");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), NAME);
    requireLanguageModel(cp);
    Hyperparameters hp = Hyperparameters.of(cp.info().hyperparameters());
    int layers = hp.getInt("layers");
    int layer = request.layer() == null ? layers : request.layer();
    if (layer > layers) {
      throw new ZooException(
          "The model has " + layers + " layers; --layer must be between 1 and " + layers + ".");
    }
    String variant = cp.info().variant();
    EngineChoice choice =
        context.chooseEngine("running transformer/" + variant, inferenceNeeds(variant));
    try (LanguageModel model = LanguageModel.load(cp, choice)) {
      Tokenizer tokenizer = model.tokenizer();
      int[] tokens = tokenizer.encode(request.prompt(), w -> context.log().println("Note: " + w));
      if (tokens.length == 0) {
        throw new ZooException("The prompt has no character the model knows.");
      }
      int contextLength = model.config().context();
      if (tokens.length > contextLength) {
        context
            .log()
            .println(
                "Note: the prompt has "
                    + tokens.length
                    + " tokens but the model's context holds "
                    + contextLength
                    + "; only the last "
                    + contextLength
                    + " are drawn.");
        tokens = Arrays.copyOfRange(tokens, tokens.length - contextLength, tokens.length);
      }
      List<float[][]> heads = model.attention(tokens, layer);
      List<String> labels = new ArrayList<>();
      for (int t : tokens) {
        labels.add(tokenizer.decode(new int[] {t}));
      }
      List<String> titles = new ArrayList<>();
      for (int h = 1; h <= heads.size(); h++) {
        titles.add("head " + h + " (rows attend to columns)");
      }
      HeatMapGrid.write(
          out,
          "Attention of transformer/" + variant + ", layer " + layer + " of " + layers,
          labels,
          heads,
          titles);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("file", out.toString());
      json.put("layer", layer);
      json.put("heads", heads.size());
      json.put("tokens", labels);
      List<Object> weights = new ArrayList<>();
      for (float[][] h : heads) {
        weights.add(Arrays.stream(h).map(TransformerFamily::boxed).toList());
      }
      json.put("weights", weights);
      String text =
          String.format(
              Locale.ROOT,
              "Wrote the attention of %d heads of layer %d over %d tokens to %s.%n",
              heads.size(),
              layer,
              tokens.length,
              out);
      return new Report(text, json);
    }
  }

  private static List<Double> boxed(float[] row) {
    List<Double> out = new ArrayList<>();
    for (float v : row) {
      out.add((double) v);
    }
    return out;
  }

  private static void refuseImageOptions(GenerateRequest request) {
    if (request.count() != null
        || request.out() != null
        || request.format() != null
        || request.label() != null) {
      throw new ZooException(
          "The transformer family generates text: --count, --out, --format and --class do not "
              + "apply; use --prompt, --length, --temperature, --top-k and --top-p.");
    }
  }
}
