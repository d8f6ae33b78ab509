package dev.zoo.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.train.OptimizerSettings;
import dev.zoo.api.train.ParameterGroup;
import dev.zoo.api.train.StepMetrics;
import dev.zoo.api.train.TrainingStep;
import dev.zoo.api.train.TrainingTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link TabularClassifier} on rows {@code x} (row-major) of classes {@code y}: sigmoid
 * binary cross-entropy on its one logit for two classes, softmax cross-entropy for more.
 */
record TableTraining(TabularClassifier model, float[] x, int[] y, CsvTable test)
    implements TrainingTask {

  @Override
  public StepMetrics trainStep(TrainingStep step) {
    int n = step.size();
    int d = x.length / y.length;
    float[] rows = new float[n * d];
    float[] classes = new float[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, step.indices()[i] * d, rows, i * d, d);
      classes[i] = y[step.indices()[i]];
    }
    boolean binary = model.labels().size() == 2;
    NDArray labels =
        step.manager().create(classes).reshape(binary ? new long[] {n, 1} : new long[] {n});
    Loss loss = binary ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.softmaxCrossEntropyLoss();
    NDArray value;
    try (GradientCollector collector = step.manager().getEngine().newGradientCollector()) {
      NDArray logits = model.forward(step.manager(), rows, true);
      value = loss.evaluate(new NDList(labels), new NDList(logits));
      collector.backward(value);
    }
    step.update();
    return StepMetrics.loss(value);
  }

  @Override
  public Map<String, Double> evaluate(int epoch, Path runDir) {
    return Map.of("test_accuracy", model.evaluate(test).accuracy());
  }

  @Override
  public List<ParameterGroup> parameterGroups() {
    OptimizerSettings settings = OptimizerSettings.from(model.hyperparameters());
    return List.of(ParameterGroup.of(model.networks().get(0), settings));
  }

  @Override
  public CheckpointInfo describe(int epoch, Map<String, Double> metrics) {
    return model.checkpointInfo(epoch, metrics);
  }

  @Override
  public NDManager manager() {
    return model.manager();
  }

  @Override
  public int trainSize() {
    return y.length;
  }

  @Override
  public String unit() {
    return "rows";
  }
}
