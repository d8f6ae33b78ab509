package dev.zoo.vae;

import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Wrote the legacy checkpoint of the VAE family, {@code src/test/resources/legacy/conv-vae}, and
 * its {@code expected.json}, which {@link LegacyCheckpointTest} checks.
 *
 * <p>It was run ONCE, with the code at commit 04c3eed, and must NOT be run again after the code
 * changes: the point of the fixture is to keep a checkpoint written by that code, so that later
 * code is held to loading it. (It refuses to overwrite an existing fixture.) It is kept to document
 * where the fixture came from; the test suite does not run it.
 *
 * <p>What it did: a {@code conv-vae} for 12x12 images with {@code latent_dim} 2, trained on PyTorch
 * with seed 42 for one epoch of two Adam steps (batch 32) on the first 64 images of the embedded
 * Fashion-MNIST sample, each centre-cropped to 24x24 and averaged over 2x2 blocks to 12x12 (16 test
 * images made the same way); the fixture is the run directory's {@code checkpoint/} folder as
 * training wrote it (parameters and optimizer state). Then it loaded the copy, recorded codes,
 * scores and images on PyTorch, and printed how far MXNet's results lie from them. The {@code
 * mlp-vae} has no fixture: its fixed 512-256 layers make even a 4x4-image checkpoint over 1 MB.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl zoo-vae -am test-compile}: {@code java
 * -Dai.djl.offline=true -cp zoo-vae/target/test-classes:zoo-vae/target/classes:<test class path>
 * dev.zoo.vae.LegacyCheckpointWriter zoo-vae/src/test/resources/legacy}.
 */
public final class LegacyCheckpointWriter {

  private static final String ENGINE = "pytorch";
  private static final String OTHER_ENGINE = "mxnet";

  private LegacyCheckpointWriter() {}

  /** Writes the fixture into the folder {@code args[0]} (the module's {@code legacy} folder). */
  public static void main(String[] args) throws IOException {
    Path legacy = Path.of(args[0]);
    Path target = legacy.resolve(LegacyCheckpointTest.CONV_VAE);
    if (Files.exists(target)) {
      throw new IllegalStateException(target + " exists: the legacy fixture is never rewritten.");
    }
    DataSplits sample = FashionMnist.embeddedSample();
    ImageSet train = shrink(sample.train().first(64), LegacyCheckpointTest.SIDE, 2);
    ImageSet test = shrink(sample.test().first(16), LegacyCheckpointTest.SIDE, 2);
    Path run = Files.createTempDirectory("legacy-vae").resolve("run");
    try (VariationalAutoencoder vae =
        VariationalAutoencoder.builder()
            .variant(LegacyCheckpointTest.CONV_VAE)
            .engine(ENGINE)
            .seed(42)
            .imageSize(LegacyCheckpointTest.SIDE, LegacyCheckpointTest.SIDE)
            .set("latent_dim", 2)
            .set("epochs", 1)
            .set("batch_size", 32)
            .build()) {
      vae.fit(train, test, run);
    }
    copyFiles(run.resolve("checkpoint"), target);

    LegacyExpected.Values values;
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(target, ENGINE)) {
      values = LegacyCheckpointTest.measure(vae);
    }
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("written_by", LegacyCheckpointWriter.class.getName());
    about.put("code", "commit 04c3eed");
    about.put("engine", ENGINE);
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after one epoch of 2 Adam steps (batch 32) on the first"
            + " 64 embedded Fashion-MNIST training images shrunk to 12x12, latent_dim 2, seed 42");
    about.put(
        "inputs",
        "two 12x12 images: 0 has pixel ((x + 2y) mod 7) / 6, 1 has 0.5 + 0.5 sin(0.8x) cos(0.5y);"
            + " sample(3, seed 11); decode of the codes (0, 0) and (1, -1)");
    about.put(
        "values",
        "latent means and [reconstruction, KL] nats of each image; first8/sum/sum_sq of the"
            + " sampled and of the decoded pixels");
    LegacyExpected.write(target, about, values);

    try (VariationalAutoencoder vae = VariationalAutoencoder.load(target, OTHER_ENGINE)) {
      double worst =
          LegacyExpected.worstDeviation(values.asMap(), LegacyCheckpointTest.measure(vae));
      System.out.printf("conv-vae on %s: worst deviation %.3g%n", OTHER_ENGINE, worst);
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

  /** Copies the files of {@code from} into a new folder {@code to}. */
  static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }
}
