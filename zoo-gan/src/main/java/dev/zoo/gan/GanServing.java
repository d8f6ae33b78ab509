package dev.zoo.gan;

import ai.djl.Application;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.ArgumentsUtil;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.djl.DjlServing;
import dev.zoo.api.djl.Translation;
import java.util.List;
import java.util.Map;

/**
 * Serves the GAN family's pretrained generators to DJL: the generator network of {@link
 * ImageGenerator} (the discriminator is not needed to draw) and a translator from a seed ({@code
 * Integer}) to a grey {@link Image}, the image {@link ImageGenerator#sample(int, long)} draws for
 * {@code sample(1, seed)}. A class-conditional model draws the class whose index the criteria's
 * argument {@code class} gives (default 0), as {@code sample(1, seed, class)}.
 */
public final class GanServing implements DjlServing {

  /** Creates the service; found with {@link java.util.ServiceLoader}. */
  public GanServing() {}

  @Override
  public String family() {
    return GanFamily.NAME;
  }

  @Override
  public Application application() {
    return Application.CV.IMAGE_GENERATION;
  }

  /** The generator, initialised for one noise vector {@code (1, latent_dim + classes)}. */
  @Override
  public Network network(ModelDescription description, NDManager manager) {
    List<Integer> shape = description.inputShape();
    Network generator =
        new Network(
            "generator",
            Networks.generator(
                description.variant(), shape.get(1), shape.get(2), description.hyperparameters()),
            GanNetworks.GENERATOR_FILE);
    generator
        .block()
        .initialize(
            manager,
            DataType.FLOAT32,
            new Shape(
                1, description.hyperparameters().getInt("latent_dim") + classes(description)));
    return generator;
  }

  @Override
  public List<Translation<?, ?>> translations(
      ModelDescription description, Map<String, ?> arguments) {
    int classes = classes(description);
    int label = ArgumentsUtil.intValue(arguments, "class", 0);
    if (classes > 0 && (label < 0 || label >= classes)) {
      throw new InvalidSettingException(
          "Class index "
              + label
              + " does not exist; the model has classes 0 to "
              + (classes - 1)
              + ".");
    }
    List<Integer> shape = description.inputShape();
    return List.of(
        new Translation<>(
            Integer.class,
            Image.class,
            new SeedTranslator(
                description.hyperparameters().getInt("latent_dim"),
                classes,
                label,
                shape.get(1),
                shape.get(2))));
  }

  /** The number of classes of a conditional model, else 0. */
  private static int classes(ModelDescription description) {
    return GanFamily.isConditional(description.variant()) ? description.labels().size() : 0;
  }
}
