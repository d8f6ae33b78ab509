package dev.zoo.api.djl;

import ai.djl.repository.zoo.ModelZoo;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Engines;
import dev.zoo.api.pretrained.PretrainedModel;
import dev.zoo.api.pretrained.PretrainedModels;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The zoo's pretrained models as a DJL {@link ModelZoo}: one {@link PretrainedModelLoader} per
 * model, whose artifact id is the model's name, e.g. {@code fashion-mnist/simple-cnn}, under the
 * group id {@value #GROUP_ID}. {@link PretrainedZooProvider} registers the models on the class
 * path; an application can register another set with {@code ModelZoo.registerModelZoo(() -> new
 * PretrainedModelZoo(models))}.
 *
 * <pre>{@code
 * Criteria<Image, Classifications> criteria =
 *     Criteria.builder()
 *         .setTypes(Image.class, Classifications.class)
 *         .optGroupId("dev.zoo")
 *         .optArtifactId("fashion-mnist/simple-cnn")
 *         .build();
 * try (ZooModel<Image, Classifications> model = criteria.loadModel();
 *     Predictor<Image, Classifications> predictor = model.newPredictor()) {
 *   Classifications classes = predictor.predict(image);
 * }
 * }</pre>
 */
public final class PretrainedModelZoo extends ModelZoo {

  /** The group id of the zoo's models in DJL's criteria. */
  public static final String GROUP_ID = "dev.zoo";

  /** A zoo listing every model of {@code models}. */
  public PretrainedModelZoo(PretrainedModels models) {
    for (PretrainedModel model : models.all()) {
      addModel(new PretrainedModelLoader(models, model));
    }
  }

  @Override
  public String getGroupId() {
    return GROUP_ID;
  }

  /** DJL's names of the engines on the class path, e.g. {@code PyTorch} and {@code MXNet}. */
  @Override
  public Set<String> getSupportedEngines() {
    Set<String> names = new LinkedHashSet<>();
    for (EngineBackend backend : Engines.discover(PretrainedModelZoo.class.getClassLoader())) {
      if (backend.isAvailable()) {
        names.add(backend.djlEngine());
      }
    }
    return names;
  }
}
