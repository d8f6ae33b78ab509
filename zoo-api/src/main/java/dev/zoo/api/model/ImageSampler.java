package dev.zoo.api.model;

import dev.zoo.api.data.Images;

/** A model that draws new images: the GANs and the VAEs. */
public interface ImageSampler {

  /**
   * Draws {@code count} images; the same seed draws the same images. A class-conditional model
   * cycles through its classes.
   *
   * @throws dev.zoo.api.common.InvalidSettingException when {@code count} is not positive
   */
  Images sample(int count, long seed);
}
