package dev.zoo.api.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.Hyperparameters;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny real training task on PyTorch: fits y = 2x with one Linear unit (weight starting at 0) and
 * the zoo's Adam. Its targets can be made NaN after a number of batches.
 */
final class LinearTask implements TrainingTask, AutoCloseable {

  static final String FAMILY = "linear-test";
  static final int SIZE = 32;

  private final NDManager manager;
  private final Block block;
  private final int poisonAfter;
  private int batches;
  private int saves;
  private int failingSave;
  private float dropout;

  /** Checkpoint epochs seen at the start of each evaluation (0 when there was none). */
  final List<Integer> checkpointEpochAtEvaluation = new ArrayList<>();

  /**
   * @param poisonAfter batches trained normally before the targets become NaN; negative for never
   */
  LinearTask(int poisonAfter) {
    this.poisonAfter = poisonAfter;
    this.manager = Engine.getEngine("PyTorch").newBaseManager();
    this.block = Linear.builder().setUnits(1).build();
    block.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
  }

  LinearTask() {
    this(-1);
  }

  static float x(int i) {
    return -1f + 2f * i / (SIZE - 1);
  }

  /** The steps of the Adam state stored in the checkpoint of {@code runDir}. */
  static long savedAdamSteps(Path runDir) {
    Checkpoint cp = Checkpoint.open(runDir, FAMILY);
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
        DataInputStream in = cp.open("optimizer.state")) {
      Adam adam = Adam.of(m, 0.1f);
      adam.load(in);
      return adam.steps();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes the {@code n}-th checkpoint of this task fail as a full disk would, part way into a file
   * of its state.
   */
  LinearTask failingSave(int n) {
    this.failingSave = n;
    return this;
  }

  /** Drops each input with probability {@code rate} in training (DJL's dropout, engine random). */
  LinearTask dropout(float rate) {
    this.dropout = rate;
    return this;
  }

  float weight() {
    return block.getParameters().get("weight").getArray().toFloatArray()[0];
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    Hyperparameters hp = Hyperparameters.builder().put("learning_rate", 0.1).build();
    return List.of(ParameterGroup.of(Network.of(block), OptimizerSettings.from(hp)));
  }

  @Override
  public int trainSize() {
    return SIZE;
  }

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    NDManager batch = step.manager();
    int[] indices = step.indices();
    int n = indices.length;
    boolean poisoned = poisonAfter >= 0 && batches >= poisonAfter;
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = x(indices[i]);
      ys[i] = poisoned ? Float.NaN : 2 * xs[i];
    }
    NDArray input = batch.create(xs, new Shape(n, 1));
    if (dropout > 0) {
      input = ai.djl.nn.norm.Dropout.dropout(input, dropout, true).head();
    }
    NDArray target = batch.create(ys, new Shape(n, 1));
    NDArray value;
    try (GradientCollector collector = batch.getEngine().newGradientCollector()) {
      NDArray prediction =
          block
              .forward(new ParameterStore(batch, false), new NDList(input), true)
              .singletonOrThrow();
      value = Loss.l2Loss().evaluate(new NDList(target), new NDList(prediction));
      collector.backward(value);
    }
    step.update();
    batches++;
    return StepMetrics.loss(value);
  }

  @Override
  public void saveState(CheckpointWriter writer) {
    if (++saves == failingSave) {
      writer.put(
          "state.bin",
          out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device");
          });
    }
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    checkpointEpochAtEvaluation.add(
        Checkpoint.exists(runDir) ? Checkpoint.open(runDir, FAMILY).info().epoch() : 0);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("weight", (double) weight());
    return metrics;
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return new CheckpointInfo(
        Checkpoint.FORMAT,
        FAMILY,
        "linear",
        Map.of("learning_rate", "0.1"),
        List.of(1),
        List.of(),
        "pytorch",
        manager.getEngine().getVersion(),
        Engine.getDjlVersion(),
        "test",
        epoch,
        7,
        metrics,
        Map.of(),
        null,
        null,
        null);
  }

  @Override
  public void close() {
    manager.close();
  }
}
