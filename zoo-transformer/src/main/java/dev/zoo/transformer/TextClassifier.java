package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.TextModelBuilder;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.Tokenizer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A transformer text classifier ({@code text-classifier}), usable from any application: build one
 * for labelled texts, train it, save it, and classify text. A text becomes a row of character
 * tokens, cut to its first {@code context}; the encoder maps rows {@code (N, T)} to class logits
 * {@code (N, labels)}. Close it to free its native memory; see {@link BaseModel} on threads.
 *
 * <pre>{@code
 * Corpus texts = Corpus.read(Path.of("texts-by-topic"));        // label = file name
 * Corpus.Split split = texts.split(0.1);
 * try (TextClassifier model =
 *     TextClassifier.builder().set("epochs", 3).vocabularyFrom(texts).build()) {
 *   model.fit(Corpus.of(split.train(), "topics"), Corpus.of(split.validation(), "topics"),
 *       Path.of("runs/topics"));
 * }
 * try (TextClassifier model = TextClassifier.load(Path.of("runs/topics"))) {
 *   System.out.println(model.predict("The compiler crashed again.", 3));
 * }
 * }</pre>
 */
public final class TextClassifier extends TransformerModel {

  private static final int EVAL_BATCH = 64;

  private static final String NO_DATA =
      "A classifier needs training texts and validation texts to measure itself on.";

  private final TextClassifierNet net;

  TextClassifier(ModelDescription description, Tokenizer tokenizer) {
    super(withLabels(description), tokenizer);
    this.net = new TextClassifierNet(config, labels().size());
    net.initialize(manager());
  }

  /** {@code description}, once its labels are known to be possible. */
  private static ModelDescription withLabels(ModelDescription description) {
    requireLabels(description.labels());
    return description;
  }

  /**
   * Refuses fewer than two labels.
   *
   * @throws InvalidSettingException when there are fewer than two
   */
  private static void requireLabels(List<String> labels) {
    if (labels.size() < 2) {
      throw new InvalidSettingException(
          "A classifier needs at least two labels, not " + labels.size() + ": " + labels + ".");
    }
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a saved classifier on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family or holds a language model
   */
  public static TextClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static TextClassifier load(Path checkpoint, String engine) {
    return ModelLoader.load(new TransformerFamily(), checkpoint, engine, TextClassifier::open);
  }

  static TextClassifier open(Checkpoint checkpoint, ModelDescription description) {
    TransformerFamily.requireClassifier(checkpoint);
    return open(checkpoint, description, TextClassifier::new);
  }

  /**
   * Trains with softmax cross-entropy and the hyper-parameters' epochs or steps and optimizer;
   * after every epoch measures accuracy and macro F1 on {@code validation} and writes {@code
   * confusion-matrix.png} into {@code runDir}. The corpora's records are labelled texts.
   *
   * @throws InvalidDataException when a record's label is not one of the model's
   */
  @Override
  public TrainingSummary fit(Corpus train, Corpus validation, Path runDir, FitOptions options) {
    checkFit(train, validation, runDir, options, NO_DATA);
    return fit(LabelledTexts.of(train), LabelledTexts.of(validation), train, runDir, options);
  }

  /** Trains on prepared texts, recording {@code source} as the training data. */
  TrainingSummary fit(
      LabelledTexts train,
      LabelledTexts validation,
      DataSource source,
      Path runDir,
      FitOptions options) {
    TextClassifierTraining task =
        new TextClassifierTraining(
            this,
            encode(train),
            train.classes(labels()),
            encode(validation),
            validation.classes(labels()));
    return train(
        task, StepPlan.of(hyperparameters(), train.records().size()), source, runDir, options);
  }

  /**
   * Accuracy, per-class figures and the confusion matrix on labelled texts.
   *
   * @throws InvalidDataException when a record's label is not one of the model's
   */
  public ClassificationMetrics evaluate(Corpus texts) {
    return evaluate(LabelledTexts.of(texts));
  }

  ClassificationMetrics evaluate(LabelledTexts texts) {
    int[] truth = texts.classes(labels());
    ClassificationMetrics metrics = new ClassificationMetrics(labels());
    metrics.addAll(truth, predictClasses(encode(texts)));
    return metrics;
  }

  /**
   * The {@code k} likeliest labels of {@code text}, most likely first.
   *
   * @throws InvalidDataException when the text has no character the classifier knows
   */
  public List<Classification> predict(String text, int k) {
    int[] tokens = encode(text);
    if (tokens.length == 0) {
      throw new InvalidDataException("The text has no character the classifier knows.");
    }
    float[] p;
    try (NDManager scope = manager().newSubManager()) {
      p = forward(scope, new int[][] {tokens}, false).softmax(-1).toFloatArray();
    }
    return Classification.top(p, labels(), k);
  }

  /** The most likely class of each token row. */
  int[] predictClasses(int[][] rows) {
    int[] out = new int[rows.length];
    for (int from = 0; from < rows.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, rows.length - from);
      int[][] batch = new int[n][];
      System.arraycopy(rows, from, batch, 0, n);
      try (NDManager scope = manager().newSubManager()) {
        int[] classes =
            forward(scope, batch, false).argMax(1).toType(DataType.INT32, false).toIntArray();
        System.arraycopy(classes, 0, out, from, n);
      }
    }
    return out;
  }

  /** Class logits {@code (rows, labels)} of token rows, padded to the longest row. */
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
    return tokens.length <= config.context() ? tokens : Arrays.copyOf(tokens, config.context());
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(net));
  }

  TextClassifierNet net() {
    return net;
  }

  /**
   * Builds a new, untrained {@link TextClassifier} ({@code text-classifier}): {@link
   * #vocabularyFrom} takes every character of the corpus as the vocabulary and, unless {@link
   * #labels} says otherwise, its records' labels in order of first appearance.
   */
  public static final class Builder extends TextModelBuilder<Builder> {

    private List<String> labels;

    private Builder() {
      super(new TransformerFamily(), TransformerFamily.TEXT_CLASSIFIER);
    }

    /** The class names, in output order (default: the labels of {@link #vocabularyFrom}). */
    public Builder labels(List<String> names) {
      this.labels = List.copyOf(names);
      return this;
    }

    /**
     * Builds the classifier on its engine.
     *
     * @throws InvalidSettingException for another variant, fewer than two labels, a shape no
     *     transformer can have, a bad hyper-parameter, or no vocabulary
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public TextClassifier build() {
      String name = variantName();
      TransformerFamily.requireClassifier(name);
      Hyperparameters hp = hyperparameters();
      TransformerConfig.check(hp);
      Tokenizer chosen = tokenizer("A text classifier", corpus -> CharVocabulary.of(corpus.text()));
      if (labels == null && corpus() == null) {
        throw new InvalidSettingException(
            "A text classifier needs its labels: call labels(...) or vocabularyFrom(corpus) before"
                + " build().");
      }
      List<String> names = labels != null ? labels : corpus().labels();
      requireLabels(names);
      return new TextClassifier(description(hp, List.of(hp.getInt("context")), names), chosen);
    }
  }
}
