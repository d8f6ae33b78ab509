package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.RunStart;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text-classifier's side of the family's actions: train, evaluate and predict. */
final class ClassifierRun {

  private ClassifierRun() {}

  static Report train(
      TransformerFamily family, RunStart start, TrainRequest request, RunContext context) {
    Hyperparameters hp = start.hyperparameters();
    Checkpoint resume = start.resume();
    LabelledTexts texts = LabelledTexts.locate(context.data());
    Corpus all = Corpus.of(texts.records(), texts.origin());
    Corpus.Split split = all.split(0.1);
    List<TextRecord> train = spread(split.train(), request.limit());
    Tokenizer tokenizer =
        resume != null
            ? LanguageModel.readTokenizer(resume)
            : new CharTokenizer(CharVocabulary.of(all.text()));
    List<String> labels =
        resume != null ? resume.info().labels() : Corpus.of(train, texts.origin()).labels();
    List<TextRecord> validation = new ArrayList<>();
    for (TextRecord r : split.validation()) {
      if (labels.contains(r.label())) {
        validation.add(r);
      }
    }
    TransformerConfig.of(hp, tokenizer.size());
    if (resume != null) {
      TransformerFamily.checkSomethingToResume(request.out(), resume.info(), hp, train.size());
    }
    String variant = start.variant();
    EngineChoice choice =
        context.chooseEngine("training transformer/" + variant, family.needs(variant));
    context
        .log()
        .printf(
            "Data: %s: %,d training and %,d validation texts, %d labels.%n",
            texts.origin(), train.size(), validation.size(), labels.size());
    try (TextClassifier model =
        new TextClassifier(variant, hp, tokenizer, labels, choice, start.seed(context.seed()))) {
      TrainingSummary summary =
          model.fit(
              new LabelledTexts(train, List.of(), texts.origin()),
              new LabelledTexts(validation, List.of(), texts.origin()),
              request.out(),
              resume,
              context.log(),
              context.interactive());
      ClassificationMetrics metrics =
          model.evaluate(new LabelledTexts(validation, List.of(), texts.origin()));
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
    Path run = summary.runDir();
    EpochResult last = summary.last();
    int classes = metrics.classNames().size();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained transformer/%s to epoch %d in %.1f s on %,d texts of %s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            trainTexts,
            origin));
    text.append(
        String.format(
            Locale.ROOT,
            "Validation accuracy %.4f, macro F1 %.4f over %d labels (chance %.4f)%s.%n",
            metrics.accuracy(),
            metrics.macroF1(),
            classes,
            1.0 / classes,
            last == null
                ? ""
                : String.format(
                    Locale.ROOT, ", %,.0f texts/s in training", last.examplesPerSecond())));
    text.append("Run directory: ").append(run).append('\n');
    text.append("  checkpoint         ").append(run.resolve(Checkpoint.DIR)).append('\n');
    text.append("  metrics            ").append(run.resolve("metrics.jsonl")).append('\n');
    text.append("  confusion matrix   ")
        .append(run.resolve(TextClassifierTraining.CONFUSION_PNG))
        .append('\n');
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", TransformerFamily.NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    json.put("accuracy", metrics.accuracy());
    json.put("macro_f1", metrics.macroF1());
    json.put("labels", metrics.classNames());
    json.put("texts_per_s", last == null ? null : last.examplesPerSecond());
    json.put("seconds", summary.seconds());
    json.put("run_dir", run.toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", origin);
    return new Report(text.toString(), json);
  }

  static Report evaluate(TransformerFamily family, Checkpoint cp, RunContext context) {
    LabelledTexts texts = LabelledTexts.locate(context.data());
    boolean csv = !texts.lines().isEmpty();
    LabelledTexts test =
        csv
            ? texts
            : new LabelledTexts(
                Corpus.of(texts.records(), texts.origin()).split(0.1).validation(),
                List.of(),
                texts.origin());
    // A label the model does not know is refused before the engine is even loaded.
    test.classes(cp.info().labels());
    String variant = cp.info().variant();
    EngineChoice choice =
        context.chooseEngine("running transformer/" + variant, family.inferenceNeeds(variant));
    try (TextClassifier model = TextClassifier.load(cp, choice)) {
      ClassificationMetrics metrics = model.evaluate(test);
      Map<String, Object> json = new LinkedHashMap<>(metrics.toMap());
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", variant);
      json.put("engine", choice.backend().name());
      json.put("data", texts.origin());
      String text =
          "Evaluated transformer/"
              + variant
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

  static Report predict(
      TransformerFamily family, Path checkpoint, List<String> inputs, RunContext context) {
    if (inputs.isEmpty()) {
      throw new ZooException("Give at least one text (or a text file) to classify.");
    }
    Checkpoint cp = Checkpoint.open(checkpoint, TransformerFamily.NAME);
    family.requireClassifier(cp);
    List<String> texts = new ArrayList<>();
    for (String input : inputs) {
      Path file = Path.of(input.length() > 255 ? "." : input);
      if (!input.isBlank() && Files.isRegularFile(file)) {
        try {
          texts.add(Corpus.decodeUtf8(Files.readAllBytes(file), input));
        } catch (java.io.IOException e) {
          throw new ZooException("Cannot read " + input + ": " + e.getMessage() + ".", e);
        }
      } else {
        texts.add(input);
      }
    }
    String variant = cp.info().variant();
    EngineChoice choice =
        context.chooseEngine("running transformer/" + variant, family.inferenceNeeds(variant));
    try (TextClassifier model = TextClassifier.load(cp, choice)) {
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        List<Classification> top = model.classify(texts.get(i), 3);
        String shown =
            inputs.get(i).length() > 40 ? inputs.get(i).substring(0, 37) + "..." : inputs.get(i);
        text.append(shown.replace('\n', ' ')).append(':');
        List<Map<String, Object>> labels = new ArrayList<>();
        for (Classification c : top) {
          text.append(String.format(Locale.ROOT, "  %s %.3f", c.label(), c.probability()));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("label", c.label());
          m.put("probability", c.probability());
          labels.add(m);
        }
        text.append('\n');
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("input", inputs.get(i));
        row.put("top", labels);
        rows.add(row);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("checkpoint", cp.dir().toString());
      json.put("predictions", rows);
      return new Report(text.toString(), json);
    }
  }
}
