package dev.zoo.api;

import dev.zoo.api.engine.EngineChoice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The common settings of a family's builder for a new, untrained model: variant, hyper-parameters,
 * engine and seed. A family's builder extends it (or {@link ImageModelBuilder}) and adds its own
 * inputs and {@code build()}.
 *
 * @param <B> the family's builder, returned by every setter
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

  private final ModelFamily family;
  private String variant;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private String engine;
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

  /** The engine ({@code pytorch}, {@code mxnet}); by default the best that can train. */
  public B engine(String name) {
    this.engine = name;
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

  /** The chosen variant's name; refuses an unknown one. */
  protected String variantName() {
    return family.variant(variant).name();
  }

  /** The settings given so far, by name. */
  protected Map<String, String> overrides() {
    return Collections.unmodifiableMap(overrides);
  }

  /** The chosen variant's defaults with the settings applied; refuses unknown names. */
  protected Hyperparameters hyperparameters() {
    return hyperparameters(overrides);
  }

  /** The chosen variant's defaults with {@code settings} applied; refuses unknown names. */
  protected Hyperparameters hyperparameters(Map<String, String> settings) {
    return family.variant(variantName()).defaults().with(settings);
  }

  /** The engine to train the chosen variant on: the named one if it can, else the best. */
  protected EngineChoice chooseEngine() {
    String name = variantName();
    return Zoo.discover()
        .selector()
        .choose("training " + family.name() + "/" + name, family.needs(name), engine, null);
  }

  /** The seed. */
  protected long seed() {
    return seed;
  }
}
