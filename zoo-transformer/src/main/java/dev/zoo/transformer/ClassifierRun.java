package dev.zoo.transformer;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.TrainingStart;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ClassifiedInputs;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.TrainingReport;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text classifier's {@code zoo train} and {@code zoo predict}: labelled texts from a CSV of
 * {@code text,label} or a corpus (labelled by file), every tenth held out for validation.
 */
final class ClassifierRun {

  private ClassifierRun() {}

  /**
   * Trains as {@code start} says and reports the validation accuracy and macro F1.
   *
   * @throws InvalidSettingException for a shape no transformer can have or fewer than two labels
   * @throws InvalidDataException when the texts are missing, empty or badly labelled
   * @throws dev.zoo.api.common.EngineException when no engine can train the classifier
   */
  static Report train(
      TransformerFamily family, TrainingStart start, TrainRequest request, RunContext context) {
    Hyperparameters hp = start.hyperparameters();
    TransformerConfig.check(hp);
    LabelledTexts texts = LabelledTexts.locate(context.data());
    Corpus all = texts.corpus();
    Corpus.Split split = all.split(0.1);
    List<TextRecord> train = spread(split.train(), request.limit());
    Tokenizer tokenizer =
        start.resuming() ? TokenizerFile.read(start.resume()) : CharVocabulary.of(all.text());
    Corpus trainCorpus = Corpus.of(train, texts.origin());
    List<String> labels = start.resuming() ? start.resume().info().labels() : trainCorpus.labels();
    List<TextRecord> validation = new ArrayList<>();
    for (TextRecord r : split.validation()) {
      if (labels.contains(r.label())) {
        validation.add(r);
      }
    }
    String variant = start.variant();
    ModelDescription description =
        family.forTraining(variant, hp, labels, start.seed(context.seed()), context);
    context
        .log()
        .printf(
            "Data: %s: %,d training and %,d validation texts, %d labels.%n",
            texts.origin(), train.size(), validation.size(), labels.size());
    LabelledTexts validationTexts = new LabelledTexts(validation, List.of(), texts.origin());
    try (TextClassifier model = new TextClassifier(description, tokenizer)) {
      TrainingSummary summary =
          model.fit(
              new LabelledTexts(train, List.of(), texts.origin()),
              validationTexts,
              trainCorpus,
              request.out(),
              context.fitOptions(request));
      ClassificationMetrics metrics = model.evaluate(validationTexts);
      return report(variant, texts.origin(), train.size(), summary, metrics);
    }
  }

  /** At most {@code limit} records spread evenly over {@code records}, so every label stays. */
  private static List<TextRecord> spread(List<TextRecord> records, Integer limit) {
    if (limit == null || limit >= records.size()) {
      return records;
    }
    List<TextRecord> out = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      out.add(records.get((int) ((long) i * records.size() / limit)));
    }
    return out;
  }

  private static Report report(
      String variant,
      String origin,
      int trainTexts,
      TrainingSummary summary,
      ClassificationMetrics metrics) {
    int classes = metrics.classNames().size();
    return TrainingReport.of(
            TransformerFamily.NAME + "/" + variant,
            summary,
            "texts",
            String.format(Locale.ROOT, "%,d texts of %s", trainTexts, origin))
        .line(
            String.format(
                Locale.ROOT,
                "Validation accuracy %.4f, macro F1 %.4f over %d labels (chance %.4f).",
                metrics.accuracy(),
                metrics.macroF1(),
                classes,
                1.0 / classes))
        .figure("accuracy", metrics.accuracy())
        .figure("macro_f1", metrics.macroF1())
        .figure("labels", metrics.classNames())
        .file("confusion matrix", TextClassifierTraining.CONFUSION_PNG)
        .report();
  }

  /**
   * Classifies each input (a text, or a file holding one) with its three likeliest labels.
   *
   * @throws InvalidSettingException when there is no input or an option was given
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint holds no classifier
   */
  static Report predict(TransformerFamily family, ModelRequest request, RunContext context) {
    request.allowOnly("zoo predict transformer");
    if (request.inputs().isEmpty()) {
      throw new InvalidSettingException("Give at least one text (or a text file) to classify.");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), TransformerFamily.NAME);
    TransformerFamily.requireClassifier(cp);
    Map<String, String> texts = new LinkedHashMap<>();
    for (String input : request.inputs()) {
      texts.put(input, read(input));
    }
    try (TextClassifier model =
        TextClassifier.open(cp, ModelLoader.description(family, cp, context))) {
      Map<String, List<Classification>> results = new LinkedHashMap<>();
      texts.forEach((input, text) -> results.put(input, model.predict(text, 3)));
      return new ClassifiedInputs(TransformerFamily.NAME + "/" + model.variant(), "input", results)
          .report();
    }
  }

  /** The text of a file the input names, else the input itself. */
  static String read(String input) {
    Path file = Path.of(input.length() > 255 ? "." : input);
    if (input.isBlank() || !Files.isRegularFile(file)) {
      return input;
    }
    try {
      return Corpus.decodeUtf8(Files.readAllBytes(file), input);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read " + input + ": " + e.getMessage() + ".", e);
    }
  }
}
