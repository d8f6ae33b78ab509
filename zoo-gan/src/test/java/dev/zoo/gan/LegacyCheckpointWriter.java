package dev.zoo.gan;

import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrote the legacy checkpoint of the GAN family, {@code src/test/resources/legacy/dcgan}, and its
 * {@code expected.json}, which {@link LegacyCheckpointTest} checks.
 *
 * <p>It was run ONCE, with the code at commit 04c3eed, and must NOT be run again after the code
 * changes: the point of the fixture is to keep a checkpoint written by that code, so that later
 * code is held to loading it. (It refuses to overwrite an existing fixture.) It is kept to document
 * where the fixture came from; the test suite does not run it.
 *
 * <p>What it did: a {@code dcgan} for 8x8 images (the smallest the family takes) with noise size
 * ({@code latent}) 8 and 3x3 up-sampling kernels, trained on PyTorch with seed 42 for two steps
 * (batch 32) on the first 64 images of the embedded Fashion-MNIST sample, each centre-cropped to
 * 24x24 and averaged over 3x3 blocks to 8x8; then saved with {@link ImageGenerator#save}. The run
 * directory's own checkpoint was not kept: its two Adam states triple the size, and the
 * discriminator (64 and 128 channels, no width setting) is most of it. Then it loaded the copy,
 * recorded images, fixed noise and discriminator scores on PyTorch, and printed how far MXNet's
 * results lie from them.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl zoo-gan -am test-compile}: {@code java
 * -Dai.djl.offline=true -cp zoo-gan/target/test-classes:zoo-gan/target/classes:<test class path>
 * dev.zoo.gan.LegacyCheckpointWriter zoo-gan/src/test/resources/legacy}.
 */
public final class LegacyCheckpointWriter {

  private static final String ENGINE = "pytorch";
  private static final String OTHER_ENGINE = "mxnet";

  private LegacyCheckpointWriter() {}

  /** Writes the fixture into the folder {@code args[0]} (the module's {@code legacy} folder). */
  public static void main(String[] args) throws IOException {
    Path legacy = Path.of(args[0]);
    Path target = legacy.resolve(LegacyCheckpointTest.DCGAN);
    if (Files.exists(target)) {
      throw new IllegalStateException(target + " exists: the legacy fixture is never rewritten.");
    }
    ImageSet train =
        shrink(FashionMnist.embeddedSample().train().first(64), LegacyCheckpointTest.SIDE, 3);
    Path run = Files.createTempDirectory("legacy-gan").resolve("run");
    try (ImageGenerator gan =
        ImageGenerator.builder()
            .variant(LegacyCheckpointTest.DCGAN)
            .engine(ENGINE)
            .seed(42)
            .imageSize(LegacyCheckpointTest.SIDE, LegacyCheckpointTest.SIDE)
            .set("latent", 8)
            .set("kernel", 3)
            .set("steps", 2)
            .set("batch_size", 32)
            .set("limit", 64)
            .build()) {
      gan.fit(train, run);
      gan.save(target);
    }

    LegacyExpected.Values values;
    try (ImageGenerator gan = ImageGenerator.load(target, ENGINE)) {
      values = LegacyCheckpointTest.measure(gan);
    }
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("written_by", LegacyCheckpointWriter.class.getName());
    about.put("code", "commit 04c3eed");
    about.put("engine", ENGINE);
    about.put(
        "checkpoint",
        "ImageGenerator.save after 2 training steps (batch 32) on the first 64 embedded"
            + " Fashion-MNIST training images shrunk to 8x8, latent 8, kernel 3, seed 42");
    about.put(
        "inputs",
        "generate(4, seed 7); the checkpoint's fixed noise; discriminator logits of two 8x8"
            + " images scaled to [-1, 1]: 0 has pixel ((x + 2y) mod 7) / 6, 1 has"
            + " 0.5 + 0.5 sin(0.8x) cos(0.5y)");
    about.put(
        "values",
        "first8/sum/sum_sq of the 4x64 generated pixels and of the 64x8 fixed noise values;"
            + " the two discriminator logits");
    LegacyExpected.write(target, about, values);

    try (ImageGenerator gan = ImageGenerator.load(target, OTHER_ENGINE)) {
      double worst =
          LegacyExpected.worstDeviation(values.asMap(), LegacyCheckpointTest.measure(gan));
      System.out.printf("dcgan on %s: worst deviation %.3g%n", OTHER_ENGINE, worst);
    }
  }

  /** Each image's centre {@code side * factor} square, averaged over blocks of {@code factor}. */
  static ImageSet shrink(ImageSet images, int side, int factor) {
    int crop = side * factor;
    int top = (images.height() - crop) / 2;
    int left = (images.width() - crop) / 2;
    float[] pixels = new float[images.size() * side * side];
    for (int i = 0; i < images.size(); i++) {
      float[] image = images.image(i);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          float sum = 0;
          for (int dy = 0; dy < factor; dy++) {
            for (int dx = 0; dx < factor; dx++) {
              sum += image[(top + y * factor + dy) * images.width() + left + x * factor + dx];
            }
          }
          pixels[(i * side + y) * side + x] = sum / (factor * factor);
        }
      }
    }
    return ImageSet.of(pixels, images.labels(), images.classNames(), side, side);
  }
}
