package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.TrainingSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code zoo train transformer} for the language models ({@code char-gpt}, {@code bpe-gpt}): reads
 * the corpus (every tenth record held out for validation), learns or restores the tokenizer, trains
 * on the template and reports validation bits per character with three samples.
 */
final class LanguageModelRun {

  private static final int SAMPLES = 3;
  private static final int SAMPLE_LENGTH = 160;

  private LanguageModelRun() {}

  /**
   * Trains as {@code start} says and reports it.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for a shape no transformer can have
   * @throws dev.zoo.api.common.InvalidDataException when the corpus is missing, empty or too short
   * @throws dev.zoo.api.common.EngineException when no engine can train the variant
   */
  static Report train(
      TransformerFamily family, TrainingStart start, TrainRequest request, RunContext context) {
    String variant = start.variant();
    Hyperparameters hp = start.hyperparameters();
    TransformerConfig.check(hp);
    Corpus corpus = Corpus.locate(context.data());
    LanguageData.Parts parts = LanguageData.Parts.of(corpus);
    Tokenizer tokenizer =
        start.resuming()
            ? TokenizerFile.read(start.resume())
            : Tokenizers.learn(variant, hp, corpus, parts.train());
    LanguageData data =
        parts.data(
            tokenizer,
            hp.getInt("context"),
            request.limit(),
            w -> context.log().println("Note: " + w));
    long seed = start.seed(context.seed());
    ModelDescription description = family.forTraining(variant, hp, List.of(), seed, context);
    context.log().println("Data: " + corpus.origin() + ".");
    context
        .log()
        .printf(
            Locale.ROOT,
            "Training transformer/%s (%s) on %,d windows of %d tokens; validation on %,d "
                + "characters, unigram baseline %.3f bits per character.%n",
            variant,
            hp,
            data.train().size(),
            data.train().length(),
            data.validationCharacters(),
            data.unigramBits());
    try (LanguageModel model = new LanguageModel(description, tokenizer)) {
      TrainingSummary summary = model.fit(data, request.out(), context.fitOptions(request));
      List<String> samples = new ArrayList<>();
      TokenSampler sampler = new TokenSampler(0.8, 40, 0.9, seed);
      for (int i = 0; i < SAMPLES; i++) {
        samples.add(model.generate("", SAMPLE_LENGTH, sampler));
      }
      return report(variant, corpus, data, summary, samples);
    }
  }

  private static Report report(
      String variant,
      Corpus corpus,
      LanguageData data,
      TrainingSummary summary,
      List<String> samples) {
    TrainingReport report =
        TrainingReport.of(
            TransformerFamily.NAME + "/" + variant,
            summary,
            "tokens",
            String.format(
                Locale.ROOT, "%,d characters of %s", data.trainCharacters(), corpus.origin()));
    if (summary.last() != null) {
      double bpc = report.last("val_bpc");
      double loss = report.last("train_loss");
      report
          .line(
              String.format(
                  Locale.ROOT,
                  "Validation %.3f bits per character (unigram baseline %.3f), training loss %.4f.",
                  bpc,
                  data.unigramBits(),
                  loss))
          .figure("bpc", bpc)
          .figure("train_loss", loss);
    }
    report.figure("unigram_bpc", data.unigramBits()).figure("samples", samples).line("Samples:");
    for (String s : samples) {
      report.line("  " + s.strip().replace("\n", "\n  ")).line("  ---");
    }
    return report.report();
  }
}
