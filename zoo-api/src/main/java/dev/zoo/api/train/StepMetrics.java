package dev.zoo.api.train;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one training step, averaged over its batch: {@code loss} (required) and any others
 * (e.g. {@code accuracy}). A value may be given as a scalar NDArray still on the device; the
 * training template reads it when it needs the number, so a task never copies to the host itself.
 */
public final class StepMetrics {

  private final Map<String, Object> values = new LinkedHashMap<>();

  private StepMetrics() {}

  /** Metrics starting with the batch's mean loss, a scalar array. */
  public static StepMetrics loss(NDArray loss) {
    return new StepMetrics().put("loss", loss);
  }

  /** Metrics starting with the batch's mean loss. */
  public static StepMetrics loss(double loss) {
    return new StepMetrics().put("loss", loss);
  }

  /** Adds a figure averaged over the batch, as a scalar array. */
  public StepMetrics put(String name, NDArray value) {
    values.put(name, value);
    return this;
  }

  /** Adds a figure averaged over the batch. */
  public StepMetrics put(String name, double value) {
    values.put(name, value);
    return this;
  }

  /** The figures as numbers, in the order they were put; NDArray values are copied to the host. */
  Map<String, Double> read() {
    Map<String, Double> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      result.put(
          e.getKey(),
          v instanceof NDArray a
              ? (double) a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat()
              : (Double) v);
    }
    return Collections.unmodifiableMap(result);
  }
}
