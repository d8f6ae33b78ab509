package dev.zoo.api.model;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Engines;
import dev.zoo.api.train.TrainingLoop;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common settings of a builder for a new, untrained model: variant, hyper-parameters, engine,
 * device and seed. A family's builder extends it (or {@link ImageModelBuilder}) and adds its own
 * inputs (labels, a vocabulary) and {@code build()}.
 *
 * @param <B> the family's builder, returned by every setter
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

  private final ModelFamily family;
  private String variant;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private String engine;
  private String device;
  private long seed = 42;

  /** A builder of a model of {@code family}, starting from its default variant. */
  protected ModelBuilder(ModelFamily family) {
    this(family, null);
  }

  /** A builder of a model of {@code family}, starting from the named variant. */
  protected ModelBuilder(ModelFamily family, String variant) {
    this.family = family;
    this.variant = variant;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The variant by name; by default the family's default variant. */
  public B variant(String name) {
    this.variant = name;
    return self();
  }

  /** Sets one hyper-parameter that the variant defines, e.g. {@code set("epochs", 3)}. */
  public B set(String name, Object value) {
    overrides.put(name, String.valueOf(value));
    return self();
  }

  /** Sets several hyper-parameters at once. */
  public B setAll(Map<String, ?> values) {
    values.forEach(this::set);
    return self();
  }

  /**
   * The engine ({@code pytorch}, {@code mxnet}); by default {@code ZOO_ENGINE}'s, else the best
   * that can train the variant.
   */
  public B engine(String name) {
    this.engine = name;
    return self();
  }

  /** The device ({@code cpu}, {@code gpu}, {@code gpu(N)}); by default {@code ZOO_DEVICE}'s. */
  public B device(String name) {
    this.device = name;
    return self();
  }

  /** The seed of initialisation, shuffling and any sampling. */
  public B seed(long value) {
    this.seed = value;
    return self();
  }

  /** The family the builder makes a model of. */
  protected ModelFamily family() {
    return family;
  }

  /**
   * The chosen variant's name.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for an unknown variant
   */
  protected String variantName() {
    return family.variant(variant).name();
  }

  /** The settings given so far, by name. */
  protected Map<String, String> overrides() {
    return Collections.unmodifiableMap(overrides);
  }

  /**
   * The chosen variant's defaults with the settings applied and checked; epochs set without steps
   * replace a default budget in steps, as on the command line.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for an unknown name or a bad value
   */
  protected Hyperparameters hyperparameters() {
    Hyperparameters defaults = family.variant(variantName()).defaults();
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (all.containsKey("epochs") && !all.containsKey("steps") && defaults.has("steps")) {
      all.put("steps", "0");
    }
    Hyperparameters hp = defaults.with(all);
    TrainingLoop.checkSettings(hp);
    return hp;
  }

  /**
   * The engine to train the chosen variant on: the named one if it can, else the best.
   *
   * @throws dev.zoo.api.common.EngineException when no engine can train it
   */
  protected EngineChoice chooseEngine() {
    String name = variantName();
    return Engines.choose(
        "training " + family.name() + "/" + name,
        family.needs(name),
        new EngineRequest(engine, device));
  }

  /** The description of a new model of the chosen variant, on its engine. */
  protected ModelDescription description(
      Hyperparameters hp, List<Integer> inputShape, List<String> labels) {
    return ModelDescription.of(
        family.name(), variantName(), hp, inputShape, labels, chooseEngine(), seed);
  }

  /** The seed. */
  protected long seed() {
    return seed;
  }
}
