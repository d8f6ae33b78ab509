package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.text.BitsPerToken;
import dev.zoo.api.text.TokenWindows;
import dev.zoo.api.train.Adam;
import dev.zoo.api.train.Schedule;
import dev.zoo.api.train.TrainingTask;
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
 * window of {@code seq_len} characters that starts from a zero state, and the loss is the
 * cross-entropy of every next character.
 *
 * <p>An epoch is a fixed number of windows ({@code epoch_windows}), so that progress is reported at
 * the same pace on a small corpus and a large one. Epoch {@code e} takes the next {@code
 * epoch_windows} windows of a seeded permutation of all windows (wrapping around), which the
 * training loop shuffles again; a resumed run therefore sees exactly the windows it would have.
 */
final class LanguageModelTraining implements TrainingTask, AutoCloseable {

  private final CharLanguageModel model;
  private final TokenWindows train;
  private final TokenWindows validation;
  private final int[] permutation;
  private final int windowsPerEpoch;
  private final int evalWindows;
  private final double unigramBits;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final NDManager optimizerScope;
  private final Adam optimizer;
  private final Schedule schedule;
  private int epochsDone;
  private long trainNanos;
  private long trainChars;

  LanguageModelTraining(
      CharLanguageModel model,
      TokenWindows train,
      TokenWindows validation,
      int[] trainTokens,
      int[] validationTokens) {
    this.model = model;
    this.train = train;
    this.validation = validation;
    Hyperparameters hp = model.hyperparameters();
    this.windowsPerEpoch = hp.getInt("epoch_windows");
    this.evalWindows = hp.getInt("eval_windows");
    this.permutation = permutation(train.size(), new Random(model.seed()));
    this.unigramBits = model.vocabulary().unigramBits(trainTokens, validationTokens);
    this.optimizerScope = model.manager().newSubManager();
    double lr = hp.getDouble("learning_rate");
    this.optimizer = Adam.of(optimizerScope, (float) lr);
    int batch = hp.getInt("batch_size");
    long stepsPerEpoch = (windowsPerEpoch + batch - 1) / batch;
    long total = hp.getInt("steps") > 0 ? hp.getInt("steps") : stepsPerEpoch * hp.getInt("epochs");
    this.schedule = Schedule.of(hp.get("schedule"), lr, total, 0);
  }

  /** The window indices {@code 0..n-1} in a seeded random order. */
  private static int[] permutation(int n, Random random) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, random);
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return windowsPerEpoch;
  }

  @Override
  public String unit() {
    return "windows";
  }

  @Override
  public Map<String, Double> trainBatch(NDManager batch, int[] indices) {
    long start = System.nanoTime();
    int n = indices.length;
    int[] windows = new int[n];
    long offset = (long) epochsDone * windowsPerEpoch;
    for (int i = 0; i < n; i++) {
      windows[i] = permutation[(int) ((offset + indices[i]) % permutation.length)];
    }
    int length = train.length();
    int[] targets = train.targets(windows);
    float[] labels = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      labels[i] = targets[i];
    }
    NDArray x = CharLanguageModel.tokens(batch, train.inputs(windows), n, length);
    NDArray y = batch.create(FloatBuffer.wrap(labels), new Shape(labels.length), DataType.FLOAT32);
    float lossValue;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray logits =
          model.net().forward(new ParameterStore(batch, false), new NDList(x), true).head();
      NDArray value =
          loss.evaluate(new NDList(y), new NDList(logits.reshape(-1, model.vocabulary().size())));
      collector.backward(value);
      lossValue = value.getFloat();
    }
    optimizer.setLearningRate((float) schedule.at(optimizer.steps() + 1));
    optimizer.step(model.net());
    trainNanos += System.nanoTime() - start;
    trainChars += (long) n * length;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", (double) lossValue);
    return metrics;
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    epochsDone = epoch;
    double bpc = BitsPerToken.evaluate(validation, evalWindows, 64, model.manager(), model::logits);
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("val_bpc", bpc);
    result.put("unigram_bpc", unigramBits);
    result.put("chars_per_s", trainChars / Math.max(trainNanos / 1e9, 1e-9));
    trainNanos = 0;
    trainChars = 0;
    return result;
  }

  @Override
  public void save(CheckpointWriter writer) {
    writer.putParameters(CharLanguageModel.PARAMETERS, model.net());
    writer.put(CharLanguageModel.OPTIMIZER, optimizer::save);
  }

  @Override
  public void restore(Checkpoint checkpoint) {
    checkpoint.loadParameters(CharLanguageModel.PARAMETERS, model.net(), model.manager());
    epochsDone = checkpoint.info().epoch();
    OptimizerState.restore(checkpoint, CharLanguageModel.OPTIMIZER, optimizer);
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.describe(epoch, metrics);
  }

  double unigramBits() {
    return unigramBits;
  }

  @Override
  public void close() {
    optimizerScope.close();
  }
}
