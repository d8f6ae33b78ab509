package dev.zoo.api.model;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.Rows;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.onnx.OnnxNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier exported to ONNX ({@link OnnxModels}), run on ONNX Runtime: class probabilities from
 * its logits as {@link Classification#probabilities} computes them (softmax, or a sigmoid for one
 * logit), the most likely classes of a batch. Close it to free the session.
 */
public final class OnnxClassifier implements AutoCloseable {

  private static final int BATCH = 256;

  private final OnnxModels.Opened opened;

  private OnnxClassifier(OnnxModels.Opened opened) {
    this.opened = opened;
  }

  /**
   * Opens {@code family}'s exported classifier {@code file} on ONNX Runtime.
   *
   * @throws dev.zoo.api.common.CheckpointException when the file is missing or not the family's
   * @throws dev.zoo.api.common.EngineException when ONNX Runtime cannot be used
   */
  public static OnnxClassifier open(ModelFamily family, Path file, RunContext context) {
    return new OnnxClassifier(OnnxModels.open(family, file, context));
  }

  /** The class names. */
  public List<String> labels() {
    return opened.info().labels();
  }

  /** {@code family/variant}. */
  public String name() {
    return opened.info().family() + "/" + opened.info().variant();
  }

  /** One input's shape without the batch axis. */
  public Shape input() {
    return opened.input();
  }

  /** The engine's name. */
  public String engine() {
    return opened.engine().backend().name();
  }

  /** The {@code k} most likely classes of one input, {@code input().size()} values. */
  public List<Classification> predict(float[] input, int k) {
    OnnxNetwork.Output out = opened.network().run(input, 1, input());
    return Classification.top(probabilities(out.values()), labels(), k);
  }

  /** The logits {@code (n, classes)} of the first {@code n} inputs in {@code batch}, row-major. */
  public float[] logits(float[] batch, int n) {
    return opened.network().run(batch, n, input()).values();
  }

  /**
   * Class probabilities {@code (n, classes)} of the first {@code n} inputs in {@code batch},
   * row-major, as {@link Classification#probabilities} gives them.
   */
  public float[] probabilities(float[] batch, int n) {
    float[] logits = logits(batch, n);
    int d = logits.length / n;
    int classes = d == 1 ? 2 : d;
    float[] result = new float[n * classes];
    for (int i = 0; i < n; i++) {
      float[] p = probabilities(Arrays.copyOfRange(logits, i * d, (i + 1) * d));
      System.arraycopy(p, 0, result, i * classes, classes);
    }
    return result;
  }

  /** The {@link CheckpointInfo} of the checkpoint the file was exported from. */
  public CheckpointInfo info() {
    return opened.info();
  }

  /**
   * Accuracy, per-class precision, recall and F1, and the confusion matrix on {@code data}, in
   * batches of {@value #BATCH}.
   *
   * @throws InvalidDataException when the rows do not have the model's input size
   */
  public ClassificationMetrics evaluate(Rows data) {
    int length = (int) input().size();
    if (data.rowLength() != length) {
      throw new InvalidDataException(
          "The test rows hold " + data.rowLength() + " values but the model takes " + length + ".");
    }
    ClassificationMetrics metrics = new ClassificationMetrics(labels());
    float[] buffer = new float[BATCH * length];
    for (int from = 0; from < data.size(); from += BATCH) {
      int n = Math.min(BATCH, data.size() - from);
      int[] truth = new int[n];
      for (int i = 0; i < n; i++) {
        data.copyRow(from + i, buffer, i * length);
        truth[i] = data.label(from + i);
      }
      metrics.addProbabilities(truth, probabilities(buffer, n));
    }
    return metrics;
  }

  /**
   * The report of {@link #evaluate} of the file {@code file} on {@code what}, as {@link
   * EvaluationReport} gives it for a checkpoint.
   */
  public Report report(Path file, String what, ClassificationMetrics metrics) {
    Map<String, Object> json = new LinkedHashMap<>(metrics.toMap());
    json.put("model", name());
    json.put("variant", opened.info().variant());
    json.put("checkpoint", file.toString());
    json.put("engine", engine());
    json.put("data", what);
    String heading = "Evaluated " + name() + " from " + file + " on " + what + ".";
    return new Report(heading + "\n\n" + metrics.toText(), json);
  }

  /** Probabilities of one input's logits: softmax, or {@code [1 - sigmoid, sigmoid]} of one. */
  static float[] probabilities(float[] logits) {
    if (logits.length == 1) {
      float p = (float) (1 / (1 + Math.exp(-logits[0])));
      return new float[] {1 - p, p};
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      e[i] = Math.exp(logits[i] - max);
      sum += e[i];
    }
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  @Override
  public void close() {
    opened.close();
  }
}
