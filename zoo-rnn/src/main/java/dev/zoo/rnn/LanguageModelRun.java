package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TextSampling;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command-line actions of the language-model variants: train, evaluate and generate. */
final class LanguageModelRun {

  /** Every tenth record of a corpus is held out for validation. */
  static final double VALIDATION_FRACTION = 0.1;

  private static final int SAMPLES = 3;
  private static final int SAMPLE_LENGTH = 240;
  private static final double SAMPLE_TEMPERATURE = 0.8;
  static final int DEFAULT_LENGTH = 400;

  private LanguageModelRun() {}

  /**
   * The training and validation parts of {@code corpus}: every tenth record held out.
   *
   * @param train the records to learn from, as a corpus
   * @param validation the held-out records, as a corpus
   */
  record Parts(Corpus train, Corpus validation) {

    /** Splits {@code corpus} 9:1. */
    static Parts of(Corpus corpus) {
      Corpus.Split split = corpus.split(VALIDATION_FRACTION);
      return new Parts(
          Corpus.of(split.train(), corpus.origin()),
          Corpus.of(split.validation(), corpus.origin() + " (validation part)"));
    }

    /**
     * These parts with the training text cut to its first {@code windows} windows of {@code
     * context} characters ({@code --limit}).
     */
    Parts limited(Integer windows, int context) {
      if (windows == null) {
        return this;
      }
      String text = train.text();
      long keep = (long) windows * context + 1;
      if (keep >= text.codePointCount(0, text.length())) {
        return this;
      }
      String first = text.substring(0, text.offsetByCodePoints(0, (int) keep));
      return new Parts(Corpus.of(List.of(new TextRecord(null, first)), train.origin()), validation);
    }
  }

  static Report train(
      RnnFamily family, TrainingStart start, TrainRequest request, RunContext context) {
    String variant = start.variant();
    Hyperparameters hp = start.hyperparameters();
    Corpus corpus = Corpus.locate(context.data());
    Parts parts = Parts.of(corpus).limited(request.limit(), hp.getInt("context"));
    Tokenizer tokenizer =
        start.resuming() ? StoredTokenizer.of(start.resume()) : CharVocabulary.of(corpus.text());
    EngineChoice choice = context.chooseEngine("training rnn/" + variant, family.needs(variant));
    PrintStream log = context.log();
    log.printf(
        Locale.ROOT,
        "Data: %s, %d records, %,d characters, %d distinct.%n",
        corpus.origin(),
        corpus.records().size(),
        corpus.length(),
        tokenizer.size());
    long seed = start.seed(context.seed());
    ModelDescription description =
        start.resuming()
            ? start.resumed(family, choice)
            : CharLanguageModel.description(variant, hp, tokenizer, choice, seed);
    try (CharLanguageModel model = new CharLanguageModel(description)) {
      log.printf("Training rnn/%s (%s).%n", variant, hp);
      TrainingSummary summary =
          model.fit(parts.train(), parts.validation(), request.out(), context.fitOptions(request));
      List<String> samples = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        // Seeds far apart: java.util.Random's first draws from neighbouring seeds nearly agree.
        TokenSampler sampler =
            new TokenSampler(SAMPLE_TEMPERATURE, 0, 1.0, seed + i * 0x9E3779B97F4A7C15L);
        samples.add(model.generate("", SAMPLE_LENGTH, sampler));
      }
      return LanguageModelReports.training(
          variant, corpus.origin(), summary, SAMPLE_TEMPERATURE, samples);
    }
  }

  static Report evaluate(RnnFamily family, Checkpoint cp, RunContext context) {
    Corpus corpus = Corpus.locate(context.data());
    Corpus.Split split = corpus.split(VALIDATION_FRACTION);
    Tokenizer tokenizer = StoredTokenizer.of(cp);
    ModelDescription description = ModelLoader.description(family, cp, context);
    context.log().println("Data: " + corpus.origin() + ".");
    int[] train = tokenizer.encode(split.trainText(), w -> {});
    int[] valid =
        tokenizer.encode(
            split.validationText(), w -> context.log().println("Validation text: " + w));
    try (CharLanguageModel model = CharLanguageModel.open(cp, description)) {
      double bpc = model.bitsPerCharacter(split.validationText());
      return LanguageModelReports.evaluation(
          model, cp, corpus.origin(), valid.length, bpc, model.unigramBits(train, valid));
    }
  }

  static Report generate(
      RnnFamily family, Checkpoint cp, TextSampling sampling, RunContext context) {
    String generated;
    try (CharLanguageModel model =
        CharLanguageModel.open(cp, ModelLoader.description(family, cp, context))) {
      context.textStream().accept(sampling.prompt());
      generated =
          model.generate(
              sampling.prompt(),
              sampling.length(),
              sampling.sampler(),
              context.textStream(),
              w -> context.log().println("Warning: " + w));
    }
    return LanguageModelReports.generation(cp, sampling, generated, context.seed());
  }
}
