package dev.zoo.gan;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import java.nio.file.Path;

/** Briefly trained models for tests that need a checkpoint but not a good one. */
final class TinyModels {

  private TinyModels() {}

  /** Trains {@code variant} for one epoch on 128 images (PyTorch) into {@code run}. */
  static Path train(Path run, String variant) {
    ImageSet images = GanTestSupport.images(128);
    try (ImageGenerator gan =
        ImageGenerator.builder()
            .variant(variant)
            .engine("pytorch")
            .labels(images.classNames())
            .set("epochs", 1)
            .build()) {
      gan.fit(images, null, run);
    } catch (ZooException e) {
      throw new AssertionError("training a tiny " + variant + " failed: " + e.getMessage(), e);
    }
    return run;
  }
}
