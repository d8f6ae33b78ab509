package dev.zoo.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.checkpoint.Network;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fine-tuning's first step: copies a trained model's parameters into a new model of the same family
 * wherever the network, the parameter's name and its shape agree, and leaves the others (a
 * classifier head for another label set, an embedding for another vocabulary) as freshly
 * initialised. This is the usual transfer-learning recipe (e.g. Yosinski et al., "How transferable
 * are features in deep neural networks?", 2014; timm's {@code load_pretrained} with a new
 * classifier).
 *
 * @param copied the parameters copied, by network and parameter name
 * @param fresh the parameters of the new model left as initialised, each with why
 */
public record ParameterTransfer(List<String> copied, List<String> fresh) {

  /**
   * Copies {@code source}'s parameters into {@code target} where they agree.
   *
   * @return what was copied and what was not
   */
  public static ParameterTransfer copy(BaseModel<?> source, BaseModel<?> target) {
    Map<String, Parameter> from = new HashMap<>();
    for (Network network : source.networks()) {
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        from.put(network.name() + "/" + p.getKey(), p.getValue());
      }
    }
    List<String> copied = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (Network network : target.networks()) {
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        String name = network.name() + "/" + p.getKey();
        Parameter to = p.getValue();
        Parameter of = from.get(name);
        if (of == null || !of.isInitialized() || !to.isInitialized()) {
          fresh.add(name + " (not in the source)");
          continue;
        }
        NDArray value = of.getArray();
        NDArray into = to.getArray();
        if (!value.getShape().equals(into.getShape())
            || value.getDataType() != DataType.FLOAT32
            || into.getDataType() != DataType.FLOAT32) {
          fresh.add(
              String.format(
                  Locale.ROOT,
                  "%s (%s %s there, %s %s here)",
                  name,
                  value.getDataType(),
                  value.getShape(),
                  into.getDataType(),
                  into.getShape()));
          continue;
        }
        into.set(FloatBuffer.wrap(value.toFloatArray()));
        copied.add(name);
      }
    }
    return new ParameterTransfer(List.copyOf(copied), List.copyOf(fresh));
  }

  /** One sentence on the transfer from {@code checkpoint}, for the run's log. */
  public String sentence(Path checkpoint) {
    String start =
        String.format(
            Locale.ROOT,
            "Started from %s: %d of %d parameter arrays copied",
            checkpoint,
            copied.size(),
            copied.size() + fresh.size());
    return fresh.isEmpty() ? start + "." : start + "; new: " + String.join(", ", fresh) + ".";
  }
}
