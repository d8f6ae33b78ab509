package dev.zoo.api.djl;

import ai.djl.Application;
import ai.djl.ndarray.NDManager;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import java.util.List;
import java.util.Map;

/**
 * What a model family gives DJL's model zoo API for its pretrained models: the trained network and
 * the translators of its task. A family registers one with {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/dev.zoo.api.djl.DjlServing}); {@link PretrainedModelZoo} then offers
 * every pretrained model of that family to {@code ai.djl.repository.zoo.Criteria}.
 *
 * <p>The zoo builds the network in a DJL {@code Model}'s manager, loads the checkpoint's parameters
 * into it as the family's own loader does, and hands the model and the translator that matches the
 * criteria's input and output classes to a {@code ZooModel}, so that DJL's {@code Predictor} runs
 * the family's network.
 */
public interface DjlServing {

  /** The name of the family it serves, as {@link dev.zoo.api.ModelFamily#name()}. */
  String family();

  /**
   * The DJL application of the family's models, e.g. {@code Application.CV.IMAGE_CLASSIFICATION}.
   */
  Application application();

  /**
   * The family's network for a checkpoint's model, built and initialised in {@code manager} for
   * {@code description}'s variant, hyper-parameters, input shape and labels; the caller loads the
   * trained parameters into it.
   *
   * @param description what the checkpoint says about its model
   * @param manager the manager of the DJL model that will own the parameters
   */
  Network network(ModelDescription description, NDManager manager);

  /**
   * The translators the family offers for {@code description}'s model, each with its input and
   * output class; the loader uses the one whose classes are the criteria's.
   *
   * @param description what the checkpoint says about its model
   * @param arguments the criteria's arguments ({@code optArgument(key, value)}), e.g. the length of
   *     generated text; values may be strings or numbers
   * @throws dev.zoo.api.common.InvalidSettingException when an argument is out of its range
   */
  List<Translation<?, ?>> translations(ModelDescription description, Map<String, ?> arguments);
}
