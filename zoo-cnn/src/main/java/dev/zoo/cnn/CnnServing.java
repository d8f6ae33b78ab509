package dev.zoo.cnn;

import ai.djl.Application;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.djl.DjlServing;
import dev.zoo.api.djl.Translation;
import java.util.List;
import java.util.Map;

/**
 * Serves the CNN family's pretrained classifiers to DJL: the network of {@link ImageClassifier} and
 * a translator from a DJL {@link Image} to {@link Classifications}, which prepares the image as
 * {@link ImageClassifier#predict(java.nio.file.Path, int)} does.
 */
public final class CnnServing implements DjlServing {

  /** Creates the service; found with {@link java.util.ServiceLoader}. */
  public CnnServing() {}

  @Override
  public String family() {
    return new CnnFamily().name();
  }

  @Override
  public Application application() {
    return Application.CV.IMAGE_CLASSIFICATION;
  }

  /** The variant's network, initialised for one grey image {@code (1, 1, H, W)}. */
  @Override
  public Network network(ModelDescription description, NDManager manager) {
    Block block =
        Architectures.build(
            description.variant(), description.hyperparameters(), description.labels().size());
    List<Integer> shape = description.inputShape();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, shape.get(1), shape.get(2)));
    return Network.of(block);
  }

  @Override
  public List<Translation<?, ?>> translations(
      ModelDescription description, Map<String, ?> arguments) {
    List<Integer> shape = description.inputShape();
    return List.of(
        new Translation<>(
            Image.class,
            Classifications.class,
            new GreyImageTranslator(shape.get(1), shape.get(2), description.labels())));
  }
}
