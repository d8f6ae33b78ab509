package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.zoo.api.model.SingleNetworkTask;
import dev.zoo.api.text.BitsPerToken;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains a {@link CharLanguageModel} by truncated back-propagation through time: each example is a
 * window of {@code context} characters that starts from a zero state, and the loss is the softmax
 * cross-entropy of every next character. After every epoch it measures validation bits per
 * character on {@code eval_windows} windows spread over the validation text, next to the unigram
 * baseline.
 *
 * <p>An epoch is a fixed number of windows ({@code epoch_windows}), so that progress is reported at
 * the same pace on a small corpus and a large one. Epoch {@code e} takes the next {@code
 * epoch_windows} windows of a seeded permutation of all windows (wrapping around), which the
 * training template shuffles again; a resumed run therefore sees exactly the windows it would have.
 */
final class CharRnnTraining extends SingleNetworkTask<CharLanguageModel> {

  private static final int EVAL_BATCH = 64;

  private final TokenWindows train;
  private final TokenWindows validation;
  private final int[] permutation;
  private final int windowsPerEpoch;
  private final int evalWindows;
  private final double unigramBits;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  /**
   * @param model the model to train
   * @param train the training windows
   * @param validation the validation windows
   * @param unigramBits the unigram baseline's bits per character on the validation text
   */
  CharRnnTraining(
      CharLanguageModel model, TokenWindows train, TokenWindows validation, double unigramBits) {
    super(model, model.hyperparameters().getInt("epoch_windows"), "chars");
    this.train = train;
    this.validation = validation;
    this.windowsPerEpoch = trainSize();
    this.evalWindows = model.hyperparameters().getInt("eval_windows");
    this.permutation = permutation(train.size(), new Random(model.seed()));
    this.unigramBits = unigramBits;
  }

  /** The window indices {@code 0..n-1} in a seeded random order. */
  private static int[] permutation(int n, Random random) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, random);
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public int unitsPerExample() {
    return train.length();
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    int[] windows = new int[n];
    long offset = (long) (step.epoch() - 1) * windowsPerEpoch;
    for (int i = 0; i < n; i++) {
      windows[i] = permutation[(int) ((offset + indices[i]) % permutation.length)];
    }
    int[] targets = train.targets(windows);
    float[] labels = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      labels[i] = targets[i];
    }
    NDArray x = RecurrentGeneration.tokens(batch, train.inputs(windows), n, train.length());
    NDArray y = batch.create(FloatBuffer.wrap(labels), new Shape(labels.length), DataType.FLOAT32);
    NDArray value;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits =
          model.net().forward(new ParameterStore(batch, false), new NDList(x), true).head();
      value =
          loss.evaluate(new NDList(y), new NDList(logits.reshape(-1, model.tokenizer().size())));
      collector.backward(value);
    }
    step.update();
    return StepMetrics.loss(value);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    double bpc =
        BitsPerToken.evaluate(validation, evalWindows, EVAL_BATCH, model.manager(), model::logits);
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("val_bpc", bpc);
    result.put("unigram_bpc", unigramBits);
    return result;
  }
}
