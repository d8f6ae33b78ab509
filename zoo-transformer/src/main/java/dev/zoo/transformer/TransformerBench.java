package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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

  static Report run(TransformerFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    family.requireLanguageModel(variant);
    Map<String, String> settings = new LinkedHashMap<>(request.overrides());
    settings.putIfAbsent("steps", Integer.toString(STEPS));
    TrainRequest budget =
        new TrainRequest(
            variant,
            request.out(),
            null,
            request.batchSize(),
            request.learningRate(),
            request.limit(),
            false,
            settings);
    Hyperparameters hp = budget.apply(family.variant(variant).defaults());
    Corpus corpus = Corpus.locate(context.data());
    Tokenizer tokenizer = Tokenizers.learn(variant, hp, corpus);
    LanguageData data =
        LanguageData.of(corpus, tokenizer, hp.getInt("context"), request.limit(), w -> {});
    EngineChoice choice =
        context.chooseEngine("training transformer/" + variant, family.needs(variant));
    Path scratch;
    try {
      scratch = Files.createTempDirectory("zoo-bench");
    } catch (IOException e) {
      throw new ZooException("Cannot create a scratch directory: " + e.getMessage() + ".", e);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    try (LanguageModel model = new LanguageModel(variant, hp, tokenizer, choice, context.seed())) {
      TrainingSummary summary =
          model.fit(data, scratch.resolve("run"), null, context.log(), context.interactive());
      // The longest epoch holds most of the steps (one epoch of the fortunes is 281 steps).
      double trainPerSecond =
          summary.epochs().stream()
              .max(Comparator.comparingDouble(r -> r.seconds()))
              .orElseThrow()
              .examplesPerSecond();
      double bpc = summary.last().metrics().get("val_bpc");
      String prompt = "The ";
      model.generate(prompt, 32, new TokenSampler(1.0, 0, 1.0, 1), s -> {}, s -> {}, true);
      double cached =
          model
              .generate(prompt, GENERATED, new TokenSampler(1.0, 0, 1.0, 2), s -> {}, s -> {}, true)
              .tokensPerSecond();
      double recomputed =
          model
              .generate(
                  prompt, GENERATED, new TokenSampler(1.0, 0, 1.0, 2), s -> {}, s -> {}, false)
              .tokensPerSecond();
      json.put("peer", "zoo-" + choice.backend().name());
      json.put("engine", choice.backend().name());
      json.put("engine_version", model.manager().getEngine().getVersion());
      json.put("model", variant);
      json.put("steps", hp.getInt("steps"));
      json.put("batch_size", hp.getInt("batch_size"));
      json.put("context", hp.getInt("context"));
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
    } finally {
      deleteTree(scratch);
    }
    return new Report(json.get("peer") + ": " + json.get("summary") + "\n", json);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover scratch directory under the system's temporary folder does no harm.
    }
  }
}
