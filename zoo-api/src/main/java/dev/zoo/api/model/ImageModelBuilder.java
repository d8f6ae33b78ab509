package dev.zoo.api.model;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.data.FashionMnist;
import java.util.List;

/**
 * The settings of a family's builder for a new, untrained model of grey images: those of {@link
 * ModelBuilder} plus class names and image size. A family's builder extends it and adds {@code
 * build()}.
 *
 * @param <B> the family's builder, returned by every setter
 */
public abstract class ImageModelBuilder<B extends ImageModelBuilder<B>> extends ModelBuilder<B> {

  private List<String> labels = FashionMnist.CLASS_NAMES;
  private int height = FashionMnist.HEIGHT;
  private int width = FashionMnist.WIDTH;

  /** A builder of a model of {@code family}. */
  protected ImageModelBuilder(ModelFamily family) {
    super(family);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
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
}
