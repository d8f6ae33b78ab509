package dev.zoo.tabular;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.zoo.api.data.TableFeatures;
import dev.zoo.api.model.Classification;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates one table row for a tabular classifier: the feature values as read, standardised with
 * the training table's means and deviations, as {@code (columns)} (DJL's batchifier stacks rows to
 * {@code (N, columns)}); the logits become probabilities as in {@link
 * TabularClassifier#predict(float[], int)}: a sigmoid for two classes, else a softmax.
 */
final class RowTranslator implements Translator<float[], Classifications> {

  private final TableFeatures features;
  private final List<String> labels;

  RowTranslator(TableFeatures features, List<String> labels) {
    this.features = features;
    this.labels = List.copyOf(labels);
  }

  /**
   * @throws dev.zoo.api.common.InvalidDataException when the row has another number of values
   */
  @Override
  public NDList processInput(TranslatorContext ctx, float[] row) {
    return new NDList(ctx.getNDManager().create(features.standardised(row)));
  }

  @Override
  public Classifications processOutput(TranslatorContext ctx, NDList list) {
    float[] p = Classification.probabilities(list.singletonOrThrow().reshape(new Shape(1, -1)));
    List<Double> probabilities = new ArrayList<>(p.length);
    for (float v : p) {
      probabilities.add((double) v);
    }
    return new Classifications(labels, probabilities);
  }
}
