package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.ModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transformer text classifier ({@code text-classifier}), usable from any application: build one
 * for labelled texts, train it, save it, and classify text. Texts longer than the context are cut
 * to their first characters. Close it to free its native memory.
 *
 * <pre>{@code
 * List<TextRecord> texts = Corpus.read(Path.of("texts-by-topic")).records();
 * try (TextClassifier model = TextClassifier.builder().set("epochs", 3).build(texts)) {
 *   model.fit(texts, Path.of("runs/topics"));
 * }
 * try (TextClassifier model = TextClassifier.load(Path.of("runs/topics"))) {
 *   System.out.println(model.classify("The compiler crashed again.", 3));
 * }
 * }</pre>
 */
public final class TextClassifier implements AutoCloseable {

  private static final int EVAL_BATCH = 64;

  private final String variant;
  private final Hyperparameters hp;
  private final Tokenizer tokenizer;
  private final List<String> labels;
  private final TransformerConfig config;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final TextClassifierNet net;

  TextClassifier(
      String variant,
      Hyperparameters hp,
      Tokenizer tokenizer,
      List<String> labels,
      EngineChoice choice,
      long seed) {
    if (labels.size() < 2) {
      throw new ZooException(
          "A classifier needs at least two labels, not " + labels.size() + ": " + labels + ".");
    }
    this.variant = variant;
    this.hp = hp;
    this.tokenizer = tokenizer;
    this.labels = List.copyOf(labels);
    this.config = TransformerConfig.of(hp, tokenizer.size());
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.net = new TextClassifierNet(config, labels.size());
    net.initialize(manager);
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved classifier on the best engine that can run it. */
  public static TextClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static TextClassifier load(Path checkpoint, String engine) {
    TransformerFamily family = new TransformerFamily();
    return SavedModels.load(
        family,
        checkpoint,
        engine,
        (cp, choice) -> {
          family.requireClassifier(cp);
          return load(cp, choice);
        });
  }

  static TextClassifier load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    TextClassifier model =
        new TextClassifier(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            LanguageModel.readTokenizer(cp),
            info.labels(),
            choice,
            info.seed());
    try {
      cp.loadParameters(LanguageModel.PARAMETERS, model.net, model.manager);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /** Trains on {@code train}, checking on {@code validation} after every epoch. */
  public TrainingSummary fit(List<TextRecord> train, List<TextRecord> validation, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(
        new LabelledTexts(train, List.of(), "the training texts"),
        new LabelledTexts(validation, List.of(), "the validation texts"),
        runDir,
        null,
        System.err,
        false);
  }

  /** Trains on nine in ten of {@code texts}, checking on the rest after every epoch. */
  public TrainingSummary fit(List<TextRecord> texts, Path runDir) {
    Corpus.Split split = Corpus.of(texts, "the texts").split(0.1);
    return fit(split.train(), split.validation(), runDir);
  }

  TrainingSummary fit(
      LabelledTexts train,
      LabelledTexts validation,
      Path runDir,
      Checkpoint resume,
      PrintStream log,
      boolean interactive) {
    TrainingLoop.checkSettings(hp);
    try (TextClassifierTraining task =
        new TextClassifierTraining(
            this,
            encode(train),
            train.classes(labels),
            encode(validation),
            validation.classes(labels))) {
      return TrainingLoop.builder(task)
          .epochs(hp.getInt("epochs"))
          .steps(hp.getInt("steps"))
          .batchSize(hp.getInt("batch_size"))
          .seed(seed)
          .runDir(runDir)
          .log(log)
          .interactive(interactive)
          .build()
          .run(resume);
    }
  }

  /** Accuracy, per-class figures and the confusion matrix on labelled texts. */
  public ClassificationMetrics evaluate(List<TextRecord> texts) {
    return evaluate(new LabelledTexts(texts, List.of(), "the texts"));
  }

  ClassificationMetrics evaluate(LabelledTexts texts) {
    int[] truth = texts.classes(labels);
    ClassificationMetrics metrics = new ClassificationMetrics(labels);
    metrics.addAll(truth, predict(encode(texts)));
    return metrics;
  }

  /** The {@code k} likeliest labels of {@code text}. */
  public List<Classification> classify(String text, int k) {
    int[] tokens = encode(text);
    if (tokens.length == 0) {
      throw new ZooException("The text has no character the classifier knows.");
    }
    float[] p;
    try (NDManager scope = manager.newSubManager()) {
      p = forward(scope, new int[][] {tokens}, false).softmax(-1).toFloatArray();
    }
    List<Classification> all = new ArrayList<>();
    for (int c = 0; c < p.length; c++) {
      all.add(new Classification(labels.get(c), c, p[c]));
    }
    all.sort(Comparator.comparingDouble(Classification::probability).reversed());
    return all.subList(0, Math.min(k, all.size()));
  }

  /** The most likely class of each token row. */
  int[] predict(int[][] rows) {
    int[] out = new int[rows.length];
    for (int from = 0; from < rows.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, rows.length - from);
      int[][] batch = new int[n][];
      System.arraycopy(rows, from, batch, 0, n);
      try (NDManager scope = manager.newSubManager()) {
        int[] classes =
            forward(scope, batch, false).argMax(1).toType(DataType.INT32, false).toIntArray();
        System.arraycopy(classes, 0, out, from, n);
      }
    }
    return out;
  }

  /** Class logits of token rows, padded to the longest row. */
  NDArray forward(NDManager scope, int[][] rows, boolean training) {
    int length = 1;
    for (int[] r : rows) {
      length = Math.max(length, r.length);
    }
    int[] tokens = new int[rows.length * length];
    float[] mask = new float[rows.length * length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, tokens, i * length, rows[i].length);
      for (int t = 0; t < Math.max(1, rows[i].length); t++) {
        mask[i * length + t] = 1;
      }
    }
    Shape shape = new Shape(rows.length, length);
    return net.logits(
        new ParameterStore(scope, false),
        scope.create(tokens, shape),
        scope.create(mask, shape),
        training);
  }

  int[][] encode(LabelledTexts texts) {
    int[][] out = new int[texts.records().size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(texts.records().get(i).text());
    }
    return out;
  }

  /** The tokens of the first characters of {@code text} that fit the context. */
  int[] encode(String text) {
    int[] tokens = tokenizer.encode(text, w -> {});
    return tokens.length <= config.context()
        ? tokens
        : java.util.Arrays.copyOf(tokens, config.context());
  }

  /** Saves the classifier as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writeModel(writer);
      return writer.commit(describe(0, Map.of()));
    }
  }

  void writeModel(CheckpointWriter writer) {
    writer.putParameters(LanguageModel.PARAMETERS, net);
    writer.put(
        LanguageModel.TOKENIZER,
        out -> out.write(tokenizer.serialise().getBytes(StandardCharsets.UTF_8)));
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("tokenizer", tokenizer.kind());
    extra.put("vocabulary_size", tokenizer.size());
    return new ModelDescription(
            TransformerFamily.NAME, variant, hp, List.of(config.context()), labels, choice, seed)
        .at(manager.getEngine(), epoch, metrics, extra);
  }

  TextClassifierNet net() {
    return net;
  }

  NDManager manager() {
    return manager;
  }

  /** The variant name, {@code text-classifier}. */
  public String variant() {
    return variant;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The labels, in output order. */
  public List<String> labels() {
    return labels;
  }

  /** The engine and device the model runs on, and why. */
  public EngineChoice engine() {
    return choice;
  }

  /** Frees the model's native memory. */
  @Override
  public void close() {
    manager.close();
  }

  /** Builds a new, untrained {@link TextClassifier} ({@code text-classifier}). */
  public static final class Builder extends ModelBuilder<Builder> {

    private Builder() {
      super(new TransformerFamily(), TransformerFamily.TEXT_CLASSIFIER);
    }

    /** Builds a classifier for the labels and characters of {@code texts}. */
    public TextClassifier build(List<TextRecord> texts) {
      String name = variantName();
      if (!name.equals(TransformerFamily.TEXT_CLASSIFIER)) {
        throw new ZooException(
            "Variant "
                + name
                + " is not a classifier; use "
                + TransformerFamily.TEXT_CLASSIFIER
                + ".");
      }
      Hyperparameters hp = hyperparameters();
      TrainingLoop.checkSettings(hp);
      Corpus corpus = Corpus.of(texts, "the texts");
      return new TextClassifier(
          name,
          hp,
          new CharTokenizer(CharVocabulary.of(corpus.text())),
          corpus.labels(),
          chooseEngine(),
          seed());
    }
  }
}
