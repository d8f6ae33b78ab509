package dev.zoo.api.djl;

import ai.djl.Application;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.repository.MRL;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Progress;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Zoo;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.checkpoint.Network;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Engines;
import dev.zoo.api.pretrained.PretrainedModel;
import dev.zoo.api.pretrained.PretrainedModels;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Loads one pretrained model of the zoo for DJL's {@link Criteria}: unpacks its checkpoint (each
 * file checked against its SHA-256), chooses the engine the criteria names (or the best that can
 * run the variant), builds the family's network in a new DJL {@link Model}, loads the trained
 * parameters and pairs the model with the family's translator for the criteria's input and output
 * classes. Closing the returned {@link ZooModel} frees the parameters' native memory.
 */
final class PretrainedModelLoader implements ModelLoader {

  private final PretrainedModels models;
  private final PretrainedModel card;

  PretrainedModelLoader(PretrainedModels models, PretrainedModel card) {
    this.models = models;
    this.card = card;
  }

  @Override
  public String getGroupId() {
    return PretrainedModelZoo.GROUP_ID;
  }

  @Override
  public String getArtifactId() {
    return card.name();
  }

  /** The application of the model's family, or {@code UNDEFINED} if the family is not present. */
  @Override
  public Application getApplication() {
    DjlServing serving = serving();
    return serving == null ? Application.UNDEFINED : serving.application();
  }

  /** The model's resource locator; it has no repository, as the files come with a jar. */
  @Override
  public MRL getMrl() {
    return MRL.model(null, getApplication(), getGroupId(), card.name(), null, card.variant());
  }

  /**
   * Loads the model for {@code criteria}.
   *
   * @throws ModelNotFoundException when the model's family is not on the class path or offers no
   *     translator for the criteria's input and output classes
   * @throws MalformedModelException when its files are missing or damaged
   * @throws dev.zoo.api.common.EngineException when no engine on the class path can run it
   */
  @Override
  public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
      throws ModelNotFoundException, MalformedModelException {
    DjlServing serving = serving();
    if (serving == null) {
      throw new ModelNotFoundException(
          "The pretrained model "
              + card.name()
              + " needs the "
              + card.family()
              + " family on the class path, which is not there.");
    }
    ModelDescription description;
    Checkpoint checkpoint;
    try {
      ModelFamily family =
          Zoo.discover(PretrainedModelLoader.class.getClassLoader()).family(card.family());
      checkpoint = Checkpoint.open(models.checkpoint(card.name(), family.name()), family.name());
      String variant = family.variant(checkpoint.info().variant()).name();
      EngineChoice choice =
          Engines.choose(
              "running " + family.name() + "/" + variant,
              family.inferenceNeeds(variant),
              new EngineRequest(criteria.getEngine(), device(criteria.getDevice())));
      description = family.describe(checkpoint, choice);
    } catch (InvalidSettingException e) {
      throw new ModelNotFoundException(e.getMessage(), e);
    } catch (CheckpointException e) {
      throw new MalformedModelException(e.getMessage(), e);
    }
    return open(criteria, serving, checkpoint, description);
  }

  private <I, O> ZooModel<I, O> open(
      Criteria<I, O> criteria,
      DjlServing serving,
      Checkpoint checkpoint,
      ModelDescription description)
      throws ModelNotFoundException, MalformedModelException {
    Class<I> in = criteria.getInputClass();
    Class<O> out = criteria.getOutputClass();
    TranslatorFactory own = criteria.getTranslatorFactory();
    boolean ownTranslator = own != null && own.isSupported(in, out);
    Translator<I, O> translator =
        ownTranslator ? null : familyTranslator(in, out, serving, description, criteria);
    EngineChoice choice = description.choice();
    Engine engine = choice.backend().load();
    Model model = Model.newInstance(card.name(), choice.device().toDjl(), engine.getEngineName());
    try {
      Network network = serving.network(description, model.getNDManager());
      model.setBlock(network.block());
      checkpoint.loadParameters(network, model.getNDManager());
      model.setProperty("zoo.family", card.family());
      model.setProperty("zoo.variant", description.variant());
      if (ownTranslator) {
        translator = own.newInstance(in, out, model, criteria.getArguments());
      }
      return new ZooModel<>(model, translator);
    } catch (CheckpointException | TranslateException e) {
      model.close();
      throw new MalformedModelException(e.getMessage(), e);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * The family's translator from {@code in} to {@code out}; the criteria's own ({@code
   * optTranslator}, {@code optTranslatorFactory}) takes precedence when it has one for them.
   */
  @SuppressWarnings("unchecked")
  private <I, O> Translator<I, O> familyTranslator(
      Class<I> in,
      Class<O> out,
      DjlServing serving,
      ModelDescription description,
      Criteria<I, O> criteria)
      throws ModelNotFoundException {
    List<Translation<?, ?>> offered = serving.translations(description, criteria.getArguments());
    for (Translation<?, ?> t : offered) {
      if (t.serves(in, out)) {
        return (Translator<I, O>) t.translator();
      }
    }
    if (offered.isEmpty()) {
      throw new ModelNotFoundException(
          "The pretrained model " + card.name() + " has no translator for DJL.");
    }
    throw new ModelNotFoundException(
        "The pretrained model "
            + card.name()
            + " translates "
            + offered.stream()
                .map(t -> t.input().getSimpleName() + " to " + t.output().getSimpleName())
                .collect(Collectors.joining(" or "))
            + ", not "
            + in.getSimpleName()
            + " to "
            + out.getSimpleName()
            + ".");
  }

  /** The zoo's name of a DJL device ({@code cpu}, {@code gpu1}), or null for the best. */
  private static String device(Device device) {
    if (device == null) {
      return null;
    }
    return device.isGpu() ? "gpu" + device.getDeviceId() : "cpu";
  }

  private DjlServing serving() {
    for (DjlServing s :
        ServiceLoader.load(DjlServing.class, PretrainedModelLoader.class.getClassLoader())) {
      if (s.family().equals(card.family())) {
        return s;
      }
    }
    return null;
  }

  /** Always true: the files come with a jar on the class path and are unpacked when loaded. */
  @Override
  public <I, O> boolean isDownloaded(Criteria<I, O> criteria) {
    return true;
  }

  /** Does nothing: the zoo never downloads; its models come with a jar. */
  @Override
  public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress) {
    // Nothing to download.
  }

  @Override
  public String toString() {
    return getGroupId() + ":" + card.name() + " (" + card.family() + "/" + card.variant() + ")";
  }
}
