package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.bench.BenchRow;
import dev.zoo.api.bench.ScratchFolder;
import dev.zoo.api.bench.StepTimer;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.FitOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures one engine on a character language model with the benchmark's budget: {@code steps}
 * batches of 64 windows of 128 characters (2-layer LSTM 256, embedding 128, constant learning
 * rate), then training characters/s after warm-up, validation bits per character after the budget
 * (the quality figure), scoring characters/s over 64 held-out windows at the evaluation batch of 64
 * and the median time to score one window, generation characters/s and peak RSS.
 */
final class RnnBench {

  /** The budget of the comparison with plain PyTorch. */
  static final int DEFAULT_STEPS = 300;

  private static final int GENERATED = 400;
  private static final int WARM_UP = 20;
  private static final int EVAL_BATCH = 64;

  private RnnBench() {}

  static Report run(RnnFamily family, TrainRequest request, RunContext context) {
    String variant = family.variant(request.variant()).name();
    if (!family.isLanguageModel(variant)) {
      throw new InvalidSettingException(
          "zoo bench rnn measures the language models (char-lstm, char-gru), not " + variant + ".");
    }
    // The budget is in steps: an epoch count does not replace it here.
    TrainRequest budget =
        request.overrides().containsKey("steps") ? request : request.with("steps", DEFAULT_STEPS);
    Hyperparameters hp = budget.apply(benchDefaults(family.variant(variant).defaults()));
    RnnSettings.checkLanguageModel(hp);
    int steps = hp.getInt("steps");
    int batch = hp.getInt("batch_size");
    // One epoch of the whole budget: one evaluation, after it.
    hp = hp.with(Map.of("epoch_windows", Integer.toString(batch * steps)));

    Corpus corpus = Corpus.locate(context.data());
    LanguageModelRun.Parts parts =
        LanguageModelRun.Parts.of(corpus).limited(request.limit(), hp.getInt("context"));
    CharVocabulary vocabulary = CharVocabulary.of(corpus.text());
    EngineChoice choice = context.chooseEngine("training rnn/" + variant, family.needs(variant));
    String budgetText =
        String.format(
            Locale.ROOT, "%d steps of %d x %d characters", steps, batch, hp.getInt("context"));
    context
        .log()
        .printf(Locale.ROOT, "Benchmark: %s, %s on %s.%n", variant, budgetText, corpus.origin());
    Map<String, Object> json;
    try (ScratchFolder scratch = ScratchFolder.create("zoo-bench-rnn");
        CharLanguageModel model =
            new CharLanguageModel(
                CharLanguageModel.description(variant, hp, vocabulary, choice, context.seed()))) {
      FitOptions options = context.fitOptions(TrainRequest.defaults(scratch.path()));
      StepTimer timer = new StepTimer(options.listener(), StepTimer.WARM_UP_STEPS);
      EpochResult last =
          model
              .fit(
                  parts.train(),
                  parts.validation(),
                  scratch.path().resolve("run"),
                  options.withListener(timer))
              .last();
      json = BenchRow.steps(choice, model.manager().getEngine().getVersion(), variant, hp);
      putSizes(json, hp);
      json.put("learning_rate", hp.getDouble("learning_rate"));
      BenchRow.languageModel(
          json,
          timer,
          "chars",
          model::bitsPerCharacter,
          parts.validation().text(),
          hp.getInt("context"),
          EVAL_BATCH);
      BenchRow.generation(json, generationSpeed(model, context.seed()), "chars");
      double unigram = last.metrics().get("unigram_bpc");
      json.put("unigram_bpc", unigram);
      BenchRow.quality(
          json,
          "val bpc",
          last.metrics().get("val_bpc"),
          String.format(Locale.ROOT, "unigram %.3f", unigram));
      json.put(BenchRow.PEER_ARGS, peerArguments(hp, steps));
      BenchRow.finish(json, budgetText, null);
    }
    return new Report(BenchRow.line(json), json);
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
