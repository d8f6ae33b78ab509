package dev.zoo.rnn;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The command-line actions of the language-model variants: train, evaluate and generate. */
final class LanguageModelRun {

  private static final int SAMPLES = 3;
  private static final int SAMPLE_LENGTH = 240;
  private static final double SAMPLE_TEMPERATURE = 0.8;
  private static final int DEFAULT_LENGTH = 400;

  private LanguageModelRun() {}

  static Report train(
      RnnFamily family,
      String variant,
      Hyperparameters hp,
      TrainRequest request,
      Checkpoint resume,
      RunContext context) {
    Corpus corpus = Corpus.locate(context.data());
    Corpus.Split split = corpus.split(0.1);
    CharVocabulary vocabulary =
        resume != null ? CharLanguageModel.vocabularyOf(resume) : CharVocabulary.of(corpus.text());
    EngineChoice choice = context.chooseEngine("training rnn/" + variant, family.needs(variant));
    PrintStream log = context.log();
    log.printf(
        Locale.ROOT,
        "Data: %s, %d records, %,d characters, %d distinct.%n",
        corpus.origin(),
        corpus.records().size(),
        corpus.length(),
        vocabulary.size());
    long seed = resume != null ? resume.info().seed() : context.seed();
    try (CharLanguageModel model = new CharLanguageModel(variant, hp, vocabulary, choice, seed)) {
      log.printf("Training rnn/%s (%s).%n", variant, hp);
      TrainingSummary summary =
          model.fit(split, request.out(), resume, request.limit(), log, context.interactive());
      List<String> samples = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        // Seeds far apart: java.util.Random's first draws from neighbouring seeds nearly agree.
        TokenSampler sampler =
            new TokenSampler(SAMPLE_TEMPERATURE, 0, 1.0, seed + i * 0x9E3779B97F4A7C15L);
        samples.add(model.generate("", SAMPLE_LENGTH, sampler, s -> {}, w -> {}));
      }
      return trainReport(variant, corpus, summary, samples);
    }
  }

  private static Report trainReport(
      String variant, Corpus corpus, TrainingSummary summary, List<String> samples) {
    EpochResult last = summary.last();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained rnn/%s to epoch %d in %.1f s on %s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            corpus.origin()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", RnnFamily.NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    if (last != null) {
      Map<String, Double> m = last.metrics();
      text.append(
          String.format(
              Locale.ROOT,
              "Validation %.3f bits per character (unigram baseline %.3f), training loss %.3f,"
                  + " %,.0f characters/s.%n",
              m.get("val_bpc"),
              m.get("unigram_bpc"),
              m.get("train_loss"),
              m.get("chars_per_s")));
      json.put("bpc", m.get("val_bpc"));
      json.put("unigram_bpc", m.get("unigram_bpc"));
      json.put("train_loss", m.get("train_loss"));
      json.put("chars_per_s", m.get("chars_per_s"));
    }
    text.append(String.format(Locale.ROOT, "Samples (temperature %.1f):%n", SAMPLE_TEMPERATURE));
    for (String sample : samples) {
      text.append("---\n").append(sample.strip()).append('\n');
    }
    text.append("---\n");
    text.append("Run directory: ").append(summary.runDir()).append('\n');
    text.append("  checkpoint   ").append(summary.checkpoint()).append('\n');
    text.append("  metrics      ").append(summary.runDir().resolve("metrics.jsonl")).append('\n');
    json.put("seconds", summary.seconds());
    json.put("run_dir", summary.runDir().toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", corpus.origin());
    json.put("samples", samples);
    List<Map<String, Object>> history = new ArrayList<>();
    for (EpochResult r : summary.epochs()) {
      Map<String, Object> e = new LinkedHashMap<>(r.metrics());
      e.put("epoch", r.epoch());
      history.add(e);
    }
    json.put("history", history);
    return new Report(text.toString(), json);
  }

  static Report evaluate(RnnFamily family, Checkpoint cp, RunContext context) {
    String variant = cp.info().variant();
    Corpus corpus = Corpus.locate(context.data());
    Corpus.Split split = corpus.split(0.1);
    CharVocabulary vocabulary = CharLanguageModel.vocabularyOf(cp);
    EngineChoice choice = family.inferenceEngine(variant, context);
    context.log().println("Data: " + corpus.origin() + ".");
    int[] train = vocabulary.encode(split.trainText(), w -> {});
    int[] valid =
        vocabulary.encode(
            split.validationText(), w -> context.log().println("Validation text: " + w));
    try (CharLanguageModel model = CharLanguageModel.load(cp, choice)) {
      double bpc = model.bitsPerCharacter(split.validationText(), w -> {});
      double unigram = vocabulary.unigramBits(train, valid);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bpc", bpc);
      json.put("unigram_bpc", unigram);
      json.put("characters", valid.length);
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", variant);
      json.put("engine", choice.backend().name());
      json.put("data", corpus.origin());
      String text =
          String.format(
              Locale.ROOT,
              "Evaluated rnn/%s from %s on %,d validation characters of %s.%n"
                  + "Validation %.4f bits per character (unigram baseline %.4f).%n",
              variant,
              cp.dir(),
              valid.length,
              corpus.origin(),
              bpc,
              unigram);
      return new Report(text, json);
    }
  }

  static Report generate(
      RnnFamily family, Checkpoint cp, GenerateRequest request, RunContext context) {
    refuse(request.count() != null, "--count");
    refuse(request.out() != null, "--out");
    refuse(request.format() != null, "--format");
    refuse(request.label() != null, "--class");
    String variant = cp.info().variant();
    int length = request.length() == null ? DEFAULT_LENGTH : request.length();
    double temperature = request.temperature() == null ? 1.0 : request.temperature();
    int topK = request.topK() == null ? 0 : request.topK();
    double topP = request.topP() == null ? 1.0 : request.topP();
    TokenSampler sampler = new TokenSampler(temperature, topK, topP, context.seed());
    EngineChoice choice = family.inferenceEngine(variant, context);
    String prompt = request.prompt() == null ? "" : request.prompt();
    PrintStream out = context.out();
    String generated;
    try (CharLanguageModel model = CharLanguageModel.load(cp, choice)) {
      out.print(prompt);
      generated =
          model.generate(
              prompt,
              length,
              sampler,
              s -> {
                out.print(s);
                out.flush();
              },
              w -> context.log().println("Warning: " + w));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("variant", variant);
    json.put("prompt", prompt);
    json.put("text", generated);
    json.put("length", length);
    json.put("temperature", temperature);
    json.put("top_k", topK);
    json.put("top_p", topP);
    json.put("seed", context.seed());
    return new Report("", json);
  }

  private static void refuse(boolean given, String option) {
    if (given) {
      throw new ZooException(
          "Family " + RnnFamily.NAME + " generates text; " + option + " does not apply to it.");
    }
  }
}
