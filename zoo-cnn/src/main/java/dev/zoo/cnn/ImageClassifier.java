package dev.zoo.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.zoo.api.ImageModelBuilder;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.train.TrainingLoop;
import dev.zoo.api.train.TrainingSummary;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An image classifier of the CNN family, usable from any application: build or load one, train it
 * on an {@link ImageSet}, save it, and classify images. Close it to free its native memory.
 *
 * <pre>{@code
 * ImageSet train = ImageFolderReader.read(Path.of("photos/train"), 28, 28);
 * ImageSet test = ImageFolderReader.read(Path.of("photos/test"), 28, 28);
 * try (ImageClassifier model = ImageClassifier.builder().labels(train.classNames()).build()) {
 *   model.fit(train, test, Path.of("runs/photos"));
 * }
 * try (ImageClassifier model = ImageClassifier.load(Path.of("runs/photos"))) {
 *   System.out.println(model.classify(Path.of("shoe.png"), 3));
 * }
 * }</pre>
 */
public final class ImageClassifier implements AutoCloseable {

  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.state";
  private static final int EVAL_BATCH = 256;

  private final String variant;
  private final Hyperparameters hp;
  private final List<String> labels;
  private final int height;
  private final int width;
  private final EngineChoice choice;
  private final long seed;
  private final NDManager manager;
  private final Block block;

  ImageClassifier(
      String variant,
      Hyperparameters hp,
      List<String> labels,
      int height,
      int width,
      EngineChoice choice,
      long seed) {
    this.variant = variant;
    this.hp = hp;
    this.labels = List.copyOf(labels);
    this.height = height;
    this.width = width;
    this.choice = choice;
    this.seed = seed;
    this.manager = choice.newModelManager(seed);
    this.block = Architectures.build(variant, hp, labels.size());
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, height, width));
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /** Loads a saved classifier on the best engine that can run it. */
  public static ImageClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static ImageClassifier load(Path checkpoint, String engine) {
    return SavedModels.load(new CnnFamily(), checkpoint, engine, ImageClassifier::load);
  }

  static ImageClassifier load(Checkpoint cp, EngineChoice choice) {
    CheckpointInfo info = cp.info();
    List<Integer> shape = info.inputShape();
    ImageClassifier model =
        new ImageClassifier(
            info.variant(),
            Hyperparameters.of(info.hyperparameters()),
            info.labels(),
            shape.get(1),
            shape.get(2),
            choice,
            info.seed());
    try {
      cp.loadParameters(PARAMETERS, model.block, model.manager);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /**
   * Trains with the hyper-parameters' epochs and batch size, writing the run into {@code runDir}.
   */
  public TrainingSummary fit(ImageSet train, ImageSet test, Path runDir) {
    TrainingLoop.checkRunDirectory(runDir, false);
    return fit(train, test, runDir, null, System.err, false);
  }

  TrainingSummary fit(
      ImageSet train,
      ImageSet test,
      Path runDir,
      Checkpoint resume,
      PrintStream log,
      boolean interactive) {
    TrainingLoop.checkSettings(hp);
    checkData(train, "training");
    checkData(test, "test");
    ClassifierTraining task = new ClassifierTraining(this, train, test);
    try {
      return TrainingLoop.builder(task)
          .epochs(hp.getInt("epochs"))
          .batchSize(hp.getInt("batch_size"))
          .seed(seed)
          .runDir(runDir)
          .log(log)
          .interactive(interactive)
          .build()
          .run(resume);
    } finally {
      task.close();
    }
  }

  private void checkData(ImageSet data, String role) {
    if (data.size() == 0) {
      throw new ZooException("The " + role + " data holds no images.");
    }
    if (data.height() != height || data.width() != width) {
      throw new ZooException(
          "The "
              + role
              + " images are "
              + data.height()
              + "x"
              + data.width()
              + " but the model takes "
              + height
              + "x"
              + width
              + ".");
    }
    if (!data.classNames().equals(labels)) {
      throw new ZooException(
          "The "
              + role
              + " data's classes "
              + data.classNames()
              + " differ from the model's "
              + labels
              + ".");
    }
  }

  /** Accuracy, per-class figures and the confusion matrix on {@code data}. */
  public ClassificationMetrics evaluate(ImageSet data) {
    checkData(data, "evaluation");
    ClassificationMetrics metrics = new ClassificationMetrics(labels);
    int[] all = new int[data.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] predicted = predictClasses(data, all);
    metrics.addAll(data.labels(), predicted);
    return metrics;
  }

  /** The most likely class of each image at {@code indices}. */
  int[] predictClasses(ImageSet data, int[] indices) {
    int[] result = new int[indices.length];
    float[] buffer = new float[EVAL_BATCH * height * width];
    for (int from = 0; from < indices.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, indices.length - from);
      for (int i = 0; i < n; i++) {
        data.copyImage(indices[from + i], buffer, i * height * width);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray logits = forward(scope, buffer, n, false);
        int[] classes = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        System.arraycopy(classes, 0, result, from, n);
      }
    }
    return result;
  }

  /** The activations of the last hidden layer for every image of {@code data}. */
  float[][] features(ImageSet data) {
    return rows(data, true);
  }

  /** The class probabilities for every image of {@code data}. */
  float[][] probabilities(ImageSet data) {
    return rows(data, false);
  }

  private float[][] rows(ImageSet data, boolean hidden) {
    if (data.height() != height || data.width() != width) {
      throw new ZooException(
          "Images of "
              + data.height()
              + "x"
              + data.width()
              + " do not fit a model that takes "
              + height
              + "x"
              + width
              + " images.");
    }
    float[][] result = new float[data.size()][];
    float[] buffer = new float[EVAL_BATCH * height * width];
    for (int from = 0; from < data.size(); from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, data.size() - from);
      for (int i = 0; i < n; i++) {
        data.copyImage(from + i, buffer, i * height * width);
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray out =
            hidden ? hidden(scope, buffer, n) : forward(scope, buffer, n, false).softmax(1);
        float[] values = out.toFloatArray();
        int d = values.length / n;
        for (int i = 0; i < n; i++) {
          result[from + i] = java.util.Arrays.copyOfRange(values, i * d, (i + 1) * d);
        }
      }
    }
    return result;
  }

  /** Runs every layer but the last (the classifier's dense output layer). */
  private NDArray hidden(NDManager scope, float[] pixels, int n) {
    NDList x =
        new NDList(
            scope.create(
                FloatBuffer.wrap(pixels, 0, n * height * width),
                new Shape(n, 1, height, width),
                DataType.FLOAT32));
    List<Block> layers = block.getChildren().values();
    ParameterStore store = new ParameterStore(scope, false);
    for (Block layer : layers.subList(0, layers.size() - 1)) {
      x = layer.forward(store, x, false);
    }
    return x.head().reshape(n, -1);
  }

  /** The {@code k} most likely classes of one grey image of the model's size, values in [0,1]. */
  public List<Prediction> classify(float[] image, int k) {
    if (image.length != height * width) {
      throw new ZooException(
          "An image of "
              + image.length
              + " pixels does not fit a model that "
              + "takes "
              + height
              + "x"
              + width
              + " images.");
    }
    float[] probabilities;
    try (NDManager scope = manager.newSubManager()) {
      probabilities = forward(scope, image, 1, false).softmax(1).toFloatArray();
    }
    List<Prediction> all = new ArrayList<>();
    for (int c = 0; c < probabilities.length; c++) {
      all.add(new Prediction(labels.get(c), c, probabilities[c]));
    }
    all.sort(Comparator.comparingDouble(Prediction::probability).reversed());
    return all.subList(0, Math.min(k, all.size()));
  }

  /** The {@code k} most likely classes of a PNG or JPEG file, converted to grey and resized. */
  public List<Prediction> classify(Path imageFile, int k) {
    return classify(ImageFolderReader.readGrey(imageFile, height, width), k);
  }

  /** Saves the classifier as a checkpoint directory {@code dir}. */
  public Path save(Path dir) {
    try (CheckpointWriter writer = CheckpointWriter.begin(dir)) {
      writer.putParameters(PARAMETERS, block);
      return writer.commit(describe(0, Map.of()));
    }
  }

  NDArray forward(NDManager scope, float[] pixels, int n, boolean training) {
    NDArray x =
        scope.create(
            FloatBuffer.wrap(pixels, 0, n * height * width),
            new Shape(n, 1, height, width),
            DataType.FLOAT32);
    return block.forward(new ParameterStore(scope, false), new NDList(x), training).head();
  }

  CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return new ModelDescription(
            CnnFamily.NAME, variant, hp, List.of(1, height, width), labels, choice, seed)
        .at(manager.getEngine(), epoch, metrics, Map.of());
  }

  Block block() {
    return block;
  }

  NDManager manager() {
    return manager;
  }

  /** The variant name, e.g. {@code simple-cnn}. */
  public String variant() {
    return variant;
  }

  /** The hyper-parameters. */
  public Hyperparameters hyperparameters() {
    return hp;
  }

  /** The class names, in output order. */
  public List<String> labels() {
    return labels;
  }

  /** The image height the model takes. */
  public int height() {
    return height;
  }

  /** The image width the model takes. */
  public int width() {
    return width;
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

  /**
   * Builds a new, untrained {@link ImageClassifier}; variants {@code simple-cnn}, {@code lenet},
   * {@code resnet}.
   */
  public static final class Builder extends ImageModelBuilder<Builder> {

    private Builder() {
      super(new CnnFamily());
    }

    /** Builds the classifier on its engine. */
    public ImageClassifier build() {
      String name = variantName();
      Hyperparameters hp = hyperparameters();
      if (labels().size() < 2) {
        throw new ZooException(
            "A classifier needs at least two classes, not " + labels().size() + ".");
      }
      if (height() < 16 || width() < 16) {
        throw new ZooException(
            "Images must be at least 16x16 for the CNN family, not "
                + height()
                + "x"
                + width()
                + ".");
      }
      return new ImageClassifier(name, hp, labels(), height(), width(), chooseEngine(), seed());
    }
  }
}
