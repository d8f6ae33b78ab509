package dev.zoo.transformer;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo eval transformer}: a language model's bits per character on the validation part of the
 * corpus (every tenth record, at most 32,768 tokens) next to the unigram baseline; the classifier's
 * accuracy, per-label figures and confusion matrix on a CSV of {@code text,label} or the validation
 * part of a corpus. The data is read and checked before the model is loaded.
 */
final class EvaluateRun {

  private EvaluateRun() {}

  /**
   * Evaluates the checkpoint of {@code request} on the context's data.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when an option was given
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   * @throws dev.zoo.api.common.InvalidDataException when the data is missing or holds a label the
   *     classifier does not know
   */
  static Report run(TransformerFamily family, ModelRequest request, RunContext context) {
    if (SentenceEncoder.isEncoderFolder(request.checkpoint())) {
      return SentenceEncoderRun.evaluate(request, context);
    }
    request.allowOnly("zoo eval transformer");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), TransformerFamily.NAME);
    if (TransformerFamily.TEXT_CLASSIFIER.equals(cp.info().variant())) {
      return classifier(family, cp, context);
    }
    TransformerFamily.requireLanguageModel(cp);
    return languageModel(family, cp, context);
  }

  private static Report languageModel(TransformerFamily family, Checkpoint cp, RunContext context) {
    Corpus corpus = Corpus.locate(context.data());
    LanguageData.Parts parts = LanguageData.Parts.of(corpus);
    Tokenizer tokenizer = TokenizerFile.read(cp);
    int contextLength = family.savedHyperparameters(cp.info()).getInt("context");
    LanguageData data =
        parts.data(tokenizer, contextLength, null, w -> context.log().println("Note: " + w));
    try (LanguageModel model =
        LanguageModel.open(cp, ModelLoader.description(family, cp, context))) {
      context.log().println("Data: " + corpus.origin() + ".");
      double bpc = model.bitsPerCharacter(data.validation());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bpc", bpc);
      json.put("unigram_bpc", data.unigramBits());
      json.put("characters", data.validationCharacters());
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", model.variant());
      json.put("engine", model.engine().backend().name());
      json.put("data", corpus.origin());
      String text =
          String.format(
              Locale.ROOT,
              "Evaluated transformer/%s from %s on %,d validation characters of %s.%n"
                  + "Bits per character %.4f (unigram baseline %.4f).%n",
              model.variant(),
              cp.dir(),
              data.validationCharacters(),
              corpus.origin(),
              bpc,
              data.unigramBits());
      return new Report(text, json);
    }
  }

  private static Report classifier(TransformerFamily family, Checkpoint cp, RunContext context) {
    LabelledTexts texts = LabelledTexts.locate(context.data());
    boolean csv = !texts.lines().isEmpty();
    LabelledTexts test =
        csv
            ? texts
            : new LabelledTexts(texts.corpus().split(0.1).validation(), List.of(), texts.origin());
    // A label the model does not know is refused before the engine is even loaded.
    test.classes(cp.info().labels());
    try (TextClassifier model =
        TextClassifier.open(cp, ModelLoader.description(family, cp, context))) {
      ClassificationMetrics metrics = model.evaluate(test);
      Map<String, Object> json = new LinkedHashMap<>(metrics.toMap());
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", model.variant());
      json.put("engine", model.engine().backend().name());
      json.put("data", texts.origin());
      String text =
          "Evaluated transformer/"
              + model.variant()
              + " from "
              + cp.dir()
              + " on "
              + metrics.total()
              + (csv ? " texts of " : " validation texts of ")
              + texts.origin()
              + ".\n\n"
              + metrics.toText();
      return new Report(text, json);
    }
  }
}
