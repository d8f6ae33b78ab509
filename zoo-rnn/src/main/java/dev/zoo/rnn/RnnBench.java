package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.Measure;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on a character language model with the benchmark's budget: {@code steps}
 * batches of 64 windows of 128 characters (2-layer LSTM 256, embedding 128, constant learning
 * rate), then training characters/s over the second half of the steps, validation bits per
 * character after the budget, generation characters/s and peak RSS.
 */
final class RnnBench {

  /** The budget of the comparison with plain PyTorch. */
  static final int DEFAULT_STEPS = 300;

  private static final int GENERATED = 400;
  private static final int WARM_UP = 20;

  private RnnBench() {}

  static Report run(RnnFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    if (!family.isLanguageModel(variant)) {
      throw new InvalidSettingException(
          "zoo bench rnn measures the language models (char-lstm, char-gru), not " + variant + ".");
    }
    Hyperparameters hp = request.apply(benchDefaults(family.variant(variant).defaults()));
    RnnSettings.checkLanguageModel(hp);
    int steps = hp.getInt("steps");
    int batch = hp.getInt("batch_size");
    // An epoch of half the budget, so that the second epoch's throughput is measured after warm-up.
    int windowsPerEpoch = batch * Math.max(1, (steps + 1) / 2);
    hp = hp.with(Map.of("epoch_windows", Integer.toString(windowsPerEpoch)));

    Corpus corpus = Corpus.locate(context.data());
    LanguageModelRun.Parts parts =
        LanguageModelRun.Parts.of(corpus).limited(request.limit(), hp.getInt("context"));
    CharVocabulary vocabulary = CharVocabulary.of(corpus.text());
    EngineChoice choice = context.chooseEngine("training rnn/" + variant, family.needs(variant));
    context
        .log()
        .printf(
            Locale.ROOT,
            "Benchmark: %s, %d steps of %d x %d characters on %s.%n",
            variant,
            steps,
            batch,
            hp.getInt("context"),
            corpus.origin());
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-rnn");
        CharLanguageModel model =
            new CharLanguageModel(
                CharLanguageModel.description(variant, hp, vocabulary, choice, context.seed()))) {
      TrainingSummary summary =
          model.fit(
              parts.train(),
              parts.validation(),
              scratch.path().resolve("run"),
              context.fitOptions(TrainRequest.defaults(scratch.path())));
      EpochResult last = summary.last();
      double generation = generationSpeed(model, context.seed());
      json = BenchRow.steps(choice, model.manager().getEngine().getVersion(), variant, hp);
      putSizes(json, hp);
      json.put("learning_rate", hp.getDouble("learning_rate"));
      json.put("train_chars_per_s", last.examplesPerSecond());
      json.put("val_bpc", last.metrics().get("val_bpc"));
      json.put("unigram_bpc", last.metrics().get("unigram_bpc"));
      json.put("gen_chars_per_s", generation);
      json.put("peak_rss_mb", Measure.peakRssMb());
      json.put("speed_key", "train_chars_per_s");
      json.put("columns", columns());
      json.put("peer_args", peerArguments(hp, steps));
    }
    String text =
        String.format(
            Locale.ROOT,
            "%s: train %.0f characters/s, validation %.3f bits per character after %d steps"
                + " (unigram %.3f), generation %.0f characters/s, peak RSS %.0f MB%n",
            json.get("engine"),
            json.get("train_chars_per_s"),
            json.get("val_bpc"),
            steps,
            json.get("unigram_bpc"),
            json.get("gen_chars_per_s"),
            json.get("peak_rss_mb"));
    return new Report(text, json);
  }

  /** The benchmark's model and budget on top of a variant's defaults. */
  static Hyperparameters benchDefaults(Hyperparameters variantDefaults) {
    Map<String, String> bench = new LinkedHashMap<>();
    bench.put("steps", Integer.toString(DEFAULT_STEPS));
    bench.put("batch_size", "64");
    bench.put("context", "128");
    bench.put("embedding", "128");
    bench.put("hidden", "256");
    bench.put("layers", "2");
    bench.put("schedule", "constant");
    bench.put("eval_windows", "256");
    return variantDefaults.with(bench);
  }

  /** Characters per second of streaming generation, after a short warm-up. */
  private static double generationSpeed(CharLanguageModel model, long seed) {
    model.generate("The ", WARM_UP, new TokenSampler(0.8, 20, 1.0, seed));
    long start = System.nanoTime();
    model.generate("The ", GENERATED, new TokenSampler(0.8, 20, 1.0, seed));
    return GENERATED / ((System.nanoTime() - start) / 1e9);
  }

  /** The table {@code zoo bench} prints: header, JSON key and format of each column. */
  private static List<Map<String, String>> columns() {
    return List.of(
        column("train chars/s", "train_chars_per_s", "%.0f"),
        column("gen chars/s", "gen_chars_per_s", "%.0f"),
        column("peak MB", "peak_rss_mb", "%.0f"),
        column("val bpc", "val_bpc", "%.3f"),
        column("unigram bpc", "unigram_bpc", "%.3f"));
  }

  private static Map<String, String> column(String header, String key, String format) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("header", header);
    c.put("key", key);
    c.put("format", format);
    return c;
  }

  /**
   * The network's sizes, {@code embedding}, {@code hidden} and {@code layers}, into {@code map}.
   */
  private static void putSizes(Map<String, Object> map, Hyperparameters hp) {
    for (String name : List.of("embedding", "hidden", "layers")) {
      map.put(name, hp.getInt(name));
    }
  }

  /** What the plain-PyTorch peer needs beyond the common arguments to train the same model. */
  private static Map<String, Object> peerArguments(Hyperparameters hp, int steps) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("steps", steps);
    args.put("seq-len", hp.getInt("context"));
    putSizes(args, hp);
    args.put("dropout", hp.getDouble("dropout"));
    args.put("lr", hp.getDouble("learning_rate"));
    args.put("eval-windows", hp.getInt("eval_windows"));
    return args;
  }
}
