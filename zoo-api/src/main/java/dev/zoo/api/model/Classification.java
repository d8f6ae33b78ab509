package dev.zoo.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One class and its probability for an input, as every classifier returns them.
 *
 * @param label the class name
 * @param index the class index, in {@code 0 .. classes - 1}
 * @param probability the softmax probability, in [0, 1]
 */
public record Classification(String label, int index, double probability) {

  /**
   * Class probabilities {@code (N, classes)}, row-major, from a classifier's logits: the softmax of
   * {@code (N, classes)} logits, or {@code [1 - sigmoid, sigmoid]} of one logit {@code (N, 1)} for
   * two classes.
   */
  public static float[] probabilities(NDArray logits) {
    if (logits.getShape().get(1) > 1) {
      return logits.softmax(1).toFloatArray();
    }
    NDArray p = Activation.sigmoid(logits);
    return p.neg().add(1).concat(p, 1).toFloatArray();
  }

  /**
   * The {@code k} most likely classes, most likely first.
   *
   * @param probabilities one probability per class
   * @param labels the class names, as many as probabilities
   * @param k how many to return; fewer when there are fewer classes
   */
  public static List<Classification> top(float[] probabilities, List<String> labels, int k) {
    List<Classification> all = new ArrayList<>();
    for (int c = 0; c < probabilities.length; c++) {
      all.add(new Classification(labels.get(c), c, probabilities[c]));
    }
    all.sort(Comparator.comparingDouble(Classification::probability).reversed());
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}
