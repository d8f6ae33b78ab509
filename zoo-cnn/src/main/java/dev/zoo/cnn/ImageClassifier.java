package dev.zoo.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.BaseModel;
import dev.zoo.api.model.Classification;
import dev.zoo.api.model.ImageModel;
import dev.zoo.api.model.ImageModelBuilder;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.StepPlan;
import dev.zoo.api.train.TrainingSummary;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An image classifier of the CNN family, usable from any application: build or load one, train it
 * on an {@link ImageSet}, save it, and predict the classes of grey images of {@code (height,
 * width)} pixels with values in [0, 1]. The network maps a batch {@code (N, 1, H, W)} to logits
 * {@code (N, classes)}. Close it to free its native memory; see {@link BaseModel} on threads.
 *
 * <pre>{@code
 * ImageSet train = ImageFolderReader.read(Path.of("photos/train"), 28, 28);
 * ImageSet test = ImageFolderReader.read(Path.of("photos/test"), 28, 28);
 * try (ImageClassifier model = ImageClassifier.builder().labels(train.classNames()).build()) {
 *   model.fit(train, test, Path.of("runs/photos"));
 * }
 * try (ImageClassifier model = ImageClassifier.load(Path.of("runs/photos"))) {
 *   System.out.println(model.predict(Path.of("shoe.png"), 3));
 * }
 * }</pre>
 */
public final class ImageClassifier extends ImageModel {

  private static final int EVAL_BATCH = 256;

  private final Block block;

  ImageClassifier(ModelDescription description) {
    super(description);
    this.block = Architectures.build(variant(), hyperparameters(), labels().size());
    block.initialize(manager(), DataType.FLOAT32, new Shape(1, 1, height(), width()));
  }

  /** Starts a builder for a new, untrained classifier. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the pretrained model called {@code name} from the zoo-models jar on the class path, e.g.
   * {@code fashion-mnist/simple-cnn} ({@code zoo models} lists them with their model cards), on the
   * best engine that can run it; its files are checked against their SHA-256 first.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when there is no such model, or it is
   *     another family's
   * @throws dev.zoo.api.common.CheckpointException when its files are missing or damaged
   */
  public static ImageClassifier pretrained(String name) {
    return load(PretrainedModels.onClassPath().checkpoint(name, new CnnFamily().name()));
  }

  /**
   * Loads a saved classifier on the best engine that can run it ({@code ZOO_ENGINE} if set).
   *
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  public static ImageClassifier load(Path checkpoint) {
    return load(checkpoint, null);
  }

  /** Loads a saved classifier on the named engine ({@code pytorch}, {@code mxnet}), or the best. */
  public static ImageClassifier load(Path checkpoint, String engine) {
    return ModelLoader.load(new CnnFamily(), checkpoint, engine, ImageClassifier::new);
  }

  /**
   * Trains with the hyper-parameters' epochs, batch size and optimizer; after every epoch it
   * measures accuracy on {@code validation} and writes {@code confusion-matrix.png} and {@code
   * predictions.png} into {@code runDir}.
   *
   * @throws InvalidDataException when the images' size or classes differ from the model's
   */
  @Override
  public TrainingSummary fit(ImageSet train, ImageSet validation, Path runDir, FitOptions options) {
    checkData(train, "training");
    checkData(validation, "test");
    return train(
        new ClassifierTraining(this, train, validation),
        StepPlan.of(hyperparameters(), train.size()),
        train,
        runDir,
        options);
  }

  private void checkData(ImageSet data, String role) {
    if (data.size() == 0) {
      throw new InvalidDataException("The " + role + " data holds no images.");
    }
    checkSize(data.height(), data.width(), "The " + role + " images are");
    checkClasses(data, role);
  }

  private void checkSize(int h, int w, String what) {
    if (h != height() || w != width()) {
      throw new InvalidDataException(
          String.format(
              "%s %dx%d but the model takes %dx%d images.", what, h, w, height(), width()));
    }
  }

  /**
   * Accuracy, per-class precision, recall and F1, and the confusion matrix on {@code data}, whose
   * classes are matched to the model's by name in any order ({@link #classIndices}): data of some
   * of the classes is evaluated on those (the others have no true examples).
   *
   * @throws InvalidDataException when the images' size differs from the model's, or a class of the
   *     data is none of the model's
   */
  public ClassificationMetrics evaluate(ImageSet data) {
    if (data.size() == 0) {
      throw new InvalidDataException("The evaluation data holds no images.");
    }
    checkSize(data.height(), data.width(), "The evaluation images are");
    int[] toModel = classIndices(data, "evaluation");
    int[] truth = new int[data.size()];
    int[] all = new int[data.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
      truth[i] = toModel[data.label(i)];
    }
    ClassificationMetrics metrics = new ClassificationMetrics(labels());
    metrics.addAll(truth, predictClasses(data, all));
    return metrics;
  }

  /** The most likely class of each image at {@code indices}. */
  int[] predictClasses(ImageSet data, int[] indices) {
    int[] result = new int[indices.length];
    float[] buffer = new float[EVAL_BATCH * height() * width()];
    for (int from = 0; from < indices.length; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, indices.length - from);
      for (int i = 0; i < n; i++) {
        data.copyImage(indices[from + i], buffer, i * height() * width());
      }
      try (NDManager scope = manager().newSubManager()) {
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
    checkSize(data.height(), data.width(), "The images are");
    float[][] result = new float[data.size()][];
    float[] buffer = new float[EVAL_BATCH * height() * width()];
    for (int from = 0; from < data.size(); from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, data.size() - from);
      for (int i = 0; i < n; i++) {
        data.copyImage(from + i, buffer, i * height() * width());
      }
      try (NDManager scope = manager().newSubManager()) {
        NDArray out =
            hidden ? hidden(scope, buffer, n) : forward(scope, buffer, n, false).softmax(1);
        float[] values = out.toFloatArray();
        int d = values.length / n;
        for (int i = 0; i < n; i++) {
          result[from + i] = Arrays.copyOfRange(values, i * d, (i + 1) * d);
        }
      }
    }
    return result;
  }

  /** Runs every layer but the last (the classifier's dense output layer). */
  private NDArray hidden(NDManager scope, float[] pixels, int n) {
    NDList x = new NDList(input(scope, pixels, n));
    List<Block> layers = block.getChildren().values();
    ParameterStore store = new ParameterStore(scope, false);
    for (Block layer : layers.subList(0, layers.size() - 1)) {
      x = layer.forward(store, x, false);
    }
    return x.head().reshape(n, -1);
  }

  /**
   * The {@code k} most likely classes of one grey image of the model's size, {@code height * width}
   * values in [0, 1], row-major.
   *
   * @throws InvalidDataException when the image has another number of pixels
   */
  public List<Classification> predict(float[] image, int k) {
    checkPixels(image);
    float[] probabilities;
    try (NDManager scope = manager().newSubManager()) {
      probabilities = forward(scope, image, 1, false).softmax(1).toFloatArray();
    }
    return Classification.top(probabilities, labels(), k);
  }

  /**
   * The {@code k} most likely classes of a PNG or JPEG file, converted to grey and resized.
   *
   * @throws InvalidDataException when the file cannot be read or decoded
   */
  public List<Classification> predict(Path imageFile, int k) {
    return predict(ImageFolderReader.readGrey(imageFile, height(), width()), k);
  }

  /** Logits {@code (n, classes)} of {@code n} images in {@code pixels}. */
  NDArray forward(NDManager scope, float[] pixels, int n, boolean training) {
    return block
        .forward(new ParameterStore(scope, false), new NDList(input(scope, pixels, n)), training)
        .head();
  }

  private NDArray input(NDManager scope, float[] pixels, int n) {
    return scope.create(
        FloatBuffer.wrap(pixels, 0, n * height() * width()),
        new Shape(n, 1, height(), width()),
        DataType.FLOAT32);
  }

  Block block() {
    return block;
  }

  @Override
  protected List<Network> networks() {
    return List.of(Network.of(block));
  }

  /**
   * Builds a new, untrained {@link ImageClassifier}; variants {@code simple-cnn}, {@code lenet},
   * {@code resnet}.
   */
  public static final class Builder extends ImageModelBuilder<Builder> {

    private Builder() {
      super(new CnnFamily());
    }

    /**
     * Builds the classifier on its engine.
     *
     * @throws InvalidSettingException for fewer than two classes, images below 16x16, or a bad
     *     hyper-parameter
     * @throws dev.zoo.api.common.EngineException when no engine can train the variant
     */
    public ImageClassifier build() {
      Hyperparameters hp = hyperparameters();
      if (labels().size() < 2) {
        throw new InvalidSettingException(
            "A classifier needs at least two classes, not " + labels().size() + ".");
      }
      if (height() < 16 || width() < 16) {
        throw new InvalidSettingException(
            "Images must be at least 16x16 for the CNN family, not "
                + height()
                + "x"
                + width()
                + ".");
      }
      return new ImageClassifier(description(hp, List.of(1, height(), width()), labels()));
    }
  }

  /** Fine-tuning starts from a saved classifier of any label set, on this model's engine. */
  @Override
  protected ImageClassifier openToStartFrom(Path checkpoint) {
    return load(checkpoint, engine().backend().name());
  }
}
