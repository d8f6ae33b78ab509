package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on char-gpt for {@code zoo bench transformer}: training tokens/s after
 * warm-up, validation bits per character after the step budget (300 unless {@code --steps} says
 * otherwise; the quality figure), scoring characters/s over 64 held-out windows at the evaluation
 * batch of 16 and the median time to score one window, generation tokens/s with the key/value cache
 * (and, among the details, with full recomputation), and peak RSS.
 */
final class TransformerBench {

  /** The default step budget, as in the plain-PyTorch peer's reference figures. */
  static final int STEPS = 300;

  private static final int GENERATED = 256;
  private static final int EVAL_BATCH = 16;

  private TransformerBench() {}

  /**
   * Trains the requested language model for the step budget on the context's engine and measures
   * it.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for the classifier or a bad setting
   * @throws dev.zoo.api.common.InvalidDataException when the corpus is missing or too short
   * @throws dev.zoo.api.common.EngineException when no engine can train the variant
   */
  static Report run(TransformerFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    TransformerFamily.requireLanguageModel(variant);
    TrainRequest budget =
        request.overrides().containsKey("steps") ? request : request.with("steps", STEPS);
    Hyperparameters hp = budget.apply(family.variant(variant).defaults());
    TransformerConfig.check(hp);
    Corpus corpus = Corpus.locate(context.data());
    LanguageData.Parts parts = LanguageData.Parts.of(corpus);
    Tokenizer tokenizer = Tokenizers.learn(variant, hp, corpus, parts.train());
    LanguageData data = parts.data(tokenizer, hp.getInt("context"), request.limit(), w -> {});
    ModelDescription description =
        family.forTraining(variant, hp, List.of(), context.seed(), context);
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench");
        LanguageModel model = new LanguageModel(description, tokenizer)) {
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
      TrainingSummary summary =
          model.fit(data, scratch.path().resolve("run"), options.withListener(timer));
      double bpc = summary.last().metrics().get("val_bpc");
      json = BenchRow.steps(model.engine(), model.manager().getEngine().getVersion(), variant, hp);
      BenchRow.languageModel(
          json,
          timer,
          "tokens",
          model::bitsPerCharacter,
          parts.validation().text(),
          hp.getInt("context"),
          EVAL_BATCH);
      tokensPerSecond(model, 32, 1, true);
      double cached = tokensPerSecond(model, GENERATED, 2, true);
      double recomputed = tokensPerSecond(model, GENERATED, 2, false);
      BenchRow.generation(json, cached, "tokens");
      json.put("unigram_bpc", data.unigramBits());
      json.put("gen_tokens_per_s_recomputed", recomputed);
      BenchRow.quality(
          json, "val bpc", bpc, String.format(Locale.ROOT, "unigram %.3f", data.unigramBits()));
      json.put(
          BenchRow.PEER_ARGS,
          Map.of(
              "steps", hp.getInt("steps"),
              "context", hp.getInt("context"),
              "warmup", hp.getInt("warmup_steps"),
              "weight-decay", hp.getDouble("weight_decay")));
      BenchRow.finish(
          json,
          String.format(
              Locale.ROOT,
              "%d steps of %d x %d tokens",
              hp.getInt("steps"),
              hp.getInt("batch_size"),
              hp.getInt("context")),
          String.format(
              Locale.ROOT,
              "generation %.0f tokens/s with the key/value cache, %.0f recomputing every step",
              cached,
              recomputed));
    }
    return new Report(BenchRow.line(json), json);
  }

  /** Generation speed after the prompt {@code "The "}, unrestricted sampling with {@code seed}. */
  private static double tokensPerSecond(
      LanguageModel model, int length, long seed, boolean useCache) {
    return Decoder.generate(
            model, "The ", length, new TokenSampler(1.0, 0, 1.0, seed), s -> {}, s -> {}, useCache)
        .tokensPerSecond();
  }
}
