package dev.zoo.tabular;

import ai.djl.Application;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.data.TableFeatures;
import dev.zoo.api.djl.DjlServing;
import dev.zoo.api.djl.Translation;
import java.util.List;
import java.util.Map;

/**
 * Serves the tabular family's pretrained classifiers to DJL: the network of {@link
 * TabularClassifier} and a translator from one row of feature values ({@code float[]}, in the order
 * of {@link TabularClassifier#columns()}, as read) to {@link Classifications}.
 */
public final class TabularServing implements DjlServing {

  /** Creates the service; found with {@link java.util.ServiceLoader}. */
  public TabularServing() {}

  @Override
  public String family() {
    return new TabularFamily().name();
  }

  @Override
  public Application application() {
    return Application.Tabular.SOFTMAX_REGRESSION;
  }

  /** The multi-layer perceptron, initialised for one row {@code (1, columns)}. */
  @Override
  public Network network(ModelDescription description, NDManager manager) {
    Block block = TabularClassifier.network(description.labels().size());
    block.initialize(
        manager, DataType.FLOAT32, new Shape(1, features(description).columns().size()));
    return Network.of(block);
  }

  @Override
  public List<Translation<?, ?>> translations(
      ModelDescription description, Map<String, ?> arguments) {
    return List.of(
        new Translation<>(
            float[].class,
            Classifications.class,
            new RowTranslator(features(description), description.labels())));
  }

  private static TableFeatures features(ModelDescription description) {
    return TableFeatures.fromMap(
        description.extra(), description.hyperparameters().get("label"), description.labels());
  }
}
