package dev.zoo.api;

import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.engine.EngineChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common settings of a family's builder for a new, untrained model of grey images: variant,
 * hyper-parameters, class names, image size, engine and seed. A family's builder extends it and
 * adds {@code build()}.
 *
 * @param <B> the family's builder, returned by every setter
 */
public abstract class ImageModelBuilder<B extends ImageModelBuilder<B>> {

  private final ModelFamily family;
  private String variant;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private List<String> labels = FashionMnist.CLASS_NAMES;
  private int height = FashionMnist.HEIGHT;
  private int width = FashionMnist.WIDTH;
  private String engine;
  private long seed = 42;

  /** A builder of a model of {@code family}. */
  protected ImageModelBuilder(ModelFamily family) {
    this.family = family;
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

  /** The class names of the data (default: Fashion-MNIST's). */
  public B labels(List<String> names) {
    this.labels = List.copyOf(names);
    return self();
  }

  /** The size of input images (default 28x28). */
  public B imageSize(int imageHeight, int imageWidth) {
    this.height = imageHeight;
    this.width = imageWidth;
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

  /** The chosen variant's name; refuses an unknown one. */
  protected String variantName() {
    return family.variant(variant).name();
  }

  /** The chosen variant's defaults with the settings applied; refuses unknown names. */
  protected Hyperparameters hyperparameters() {
    return family.variant(variantName()).defaults().with(overrides);
  }

  /** The engine to train the chosen variant on: the named one if it can, else the best. */
  protected EngineChoice chooseEngine() {
    String name = variantName();
    return Zoo.discover()
        .selector()
        .choose("training " + family.name() + "/" + name, family.needs(name), engine, null);
  }

  /** The class names. */
  protected List<String> labels() {
    return labels;
  }

  /** The image height. */
  protected int height() {
    return height;
  }

  /** The image width. */
  protected int width() {
    return width;
  }

  /** The seed. */
  protected long seed() {
    return seed;
  }
}
