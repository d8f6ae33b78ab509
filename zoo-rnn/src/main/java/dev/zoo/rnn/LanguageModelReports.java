package dev.zoo.rnn;

import dev.zoo.api.Report;
import dev.zoo.api.TextSampling;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.train.TrainingSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the language-model variants' commands print: after training (the shared {@link
 * TrainingReport} with bits per character and samples), after evaluation, and after generation.
 */
final class LanguageModelReports {

  private LanguageModelReports() {}

  /**
   * The report of a training run: validation bits per character next to the unigram baseline, the
   * last training loss, and samples of generated text.
   */
  static Report training(
      String variant,
      String data,
      TrainingSummary summary,
      double sampleTemperature,
      List<String> samples) {
    TrainingReport report =
        TrainingReport.of(RnnFamily.NAME + "/" + variant, summary, "chars", data);
    report
        .figure("variant", variant)
        .figure("bpc", report.last("val_bpc"))
        .figure("unigram_bpc", report.last("unigram_bpc"))
        .figure("train_loss", report.last("train_loss"))
        .figure("samples", samples);
    if (summary.last() != null) {
      report.line(
          String.format(
              Locale.ROOT,
              "Validation %.3f bits per character (unigram baseline %.3f), training loss %.3f.",
              report.last("val_bpc"),
              report.last("unigram_bpc"),
              report.last("train_loss")));
    }
    StringBuilder text =
        new StringBuilder(
            String.format(Locale.ROOT, "Samples (temperature %.1f):", sampleTemperature));
    for (String sample : samples) {
      text.append("\n---\n").append(sample.strip());
    }
    return report.line(text.append("\n---").toString()).report();
  }

  /** The report of {@code zoo eval}: bits per character on the validation text. */
  static Report evaluation(
      CharLanguageModel model,
      Checkpoint cp,
      String data,
      int characters,
      double bpc,
      double unigramBpc) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bpc", bpc);
    json.put("unigram_bpc", unigramBpc);
    json.put("characters", characters);
    json.put("checkpoint", cp.dir().toString());
    json.put("variant", model.variant());
    json.put("engine", model.engine().backend().name());
    json.put("data", data);
    String text =
        String.format(
            Locale.ROOT,
            "Evaluated rnn/%s from %s on %,d validation characters of %s.%n"
                + "Validation %.4f bits per character (unigram baseline %.4f).%n",
            model.variant(),
            cp.dir(),
            characters,
            data,
            bpc,
            unigramBpc);
    return new Report(text, json);
  }

  /**
   * The report of {@code zoo generate}: the text was streamed as it was drawn, so the text report
   * is empty; the JSON holds the prompt, the text and the sampling settings.
   */
  static Report generation(Checkpoint cp, TextSampling sampling, String text, long seed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("variant", cp.info().variant());
    json.put("prompt", sampling.prompt());
    json.put("text", text);
    json.put("length", sampling.length());
    json.put("temperature", sampling.sampler().temperature());
    json.put("top_k", sampling.sampler().topK());
    json.put("top_p", sampling.sampler().topP());
    json.put("seed", seed);
    return new Report("", json);
  }
}
