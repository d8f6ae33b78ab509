package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.TrainingSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on char-gpt for {@code zoo bench transformer}: training tokens/s, validation
 * bits per character after the step budget (300 unless {@code --steps} says otherwise), generation
 * tokens/s with the key/value cache and with full recomputation, and peak RSS.
 */
final class TransformerBench {

  /** The default step budget, as in the plain-PyTorch peer's reference figures. */
  static final int STEPS = 300;

  private static final int GENERATED = 256;

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
      TrainingSummary summary =
          model.fit(
              data,
              scratch.path().resolve("run"),
              context.fitOptions(TrainRequest.defaults(scratch.path())));
      // The longest epoch holds most of the steps (one epoch of the fortunes is 281 steps).
      double trainPerSecond =
          summary.epochs().stream()
              .max(Comparator.comparingDouble(r -> r.seconds()))
              .orElseThrow()
              .examplesPerSecond();
      double bpc = summary.last().metrics().get("val_bpc");
      tokensPerSecond(model, 32, 1, true);
      double cached = tokensPerSecond(model, GENERATED, 2, true);
      double recomputed = tokensPerSecond(model, GENERATED, 2, false);
      json = BenchRow.steps(model.engine(), model.manager().getEngine().getVersion(), variant, hp);
      json.put("train_per_s", trainPerSecond);
      json.put("unit", "tokens");
      json.put("val_bpc", bpc);
      json.put("unigram_bpc", data.unigramBits());
      json.put("gen_tokens_per_s_cached", cached);
      json.put("gen_tokens_per_s_recomputed", recomputed);
      json.put("peak_rss_mb", Measure.peakRssMb());
      json.put(
          "summary",
          String.format(
              Locale.ROOT,
              "train %.0f tokens/s, val bpc %.3f after %d steps, generation %.0f tokens/s cached "
                  + "vs %.0f recomputed, peak RSS %.0f MB",
              trainPerSecond,
              bpc,
              hp.getInt("steps"),
              cached,
              recomputed,
              json.get("peak_rss_mb")));
    }
    return new Report(json.get("peer") + ": " + json.get("summary") + "\n", json);
  }

  /** Generation speed after the prompt {@code "The "}, unrestricted sampling with {@code seed}. */
  private static double tokensPerSecond(
      LanguageModel model, int length, long seed, boolean useCache) {
    return Decoder.generate(
            model, "The ", length, new TokenSampler(1.0, 0, 1.0, seed), s -> {}, s -> {}, useCache)
        .tokensPerSecond();
  }
}
