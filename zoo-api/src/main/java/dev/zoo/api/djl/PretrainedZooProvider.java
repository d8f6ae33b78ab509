package dev.zoo.api.djl;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;
import dev.zoo.api.pretrained.PretrainedModels;

/**
 * Registers the zoo's pretrained models with DJL: DJL's {@code ModelZoo} finds this provider with
 * {@link java.util.ServiceLoader} and lists a {@link PretrainedModelZoo} of the models on the class
 * path under the group id {@value PretrainedModelZoo#GROUP_ID}.
 */
public final class PretrainedZooProvider implements ZooProvider {

  /** Creates the provider; DJL calls it through {@link java.util.ServiceLoader}. */
  public PretrainedZooProvider() {}

  @Override
  public ModelZoo getModelZoo() {
    return new PretrainedModelZoo(PretrainedModels.onClassPath());
  }
}
