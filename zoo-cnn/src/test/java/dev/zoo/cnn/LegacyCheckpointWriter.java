package dev.zoo.cnn;

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
 * Wrote the legacy checkpoint of the CNN family, {@code src/test/resources/legacy/simple-cnn}, and
 * its {@code expected.json}, which {@link LegacyCheckpointTest} checks.
 *
 * <p>It was run ONCE, with the code at commit 04c3eed, and must NOT be run again after the code
 * changes: the point of the fixture is to keep a checkpoint written by that code, so that later
 * code is held to loading it. (It refuses to overwrite an existing fixture.) It is kept to document
 * where the fixture came from; the test suite does not run it.
 *
 * <p>What it did: a {@code simple-cnn} for 18x18 images (the smallest that its three convolutions
 * take; the architecture has no width setting) with the ten Fashion-MNIST classes, trained on
 * PyTorch with seed 42 for one epoch of two Adam steps (batch 32) on the first 64 images of the
 * embedded Fashion-MNIST sample, centre-cropped from 28x28 to 18x18; the fixture is the run
 * directory's {@code checkpoint/} folder as training wrote it (parameters and optimizer state).
 * Then it loaded the copy, recorded the class probabilities of two fixed images on PyTorch, and
 * printed how far MXNet's results lie from them.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl zoo-cnn -am test-compile}: {@code java
 * -Dai.djl.offline=true -cp zoo-cnn/target/test-classes:zoo-cnn/target/classes:<test class path>
 * dev.zoo.cnn.LegacyCheckpointWriter zoo-cnn/src/test/resources/legacy}.
 */
public final class LegacyCheckpointWriter {

  private static final String ENGINE = "pytorch";
  private static final String OTHER_ENGINE = "mxnet";

  private LegacyCheckpointWriter() {}

  /** Writes the fixture into the folder {@code args[0]} (the module's {@code legacy} folder). */
  public static void main(String[] args) throws IOException {
    Path legacy = Path.of(args[0]);
    Path target = legacy.resolve(LegacyCheckpointTest.SIMPLE_CNN);
    if (Files.exists(target)) {
      throw new IllegalStateException(target + " exists: the legacy fixture is never rewritten.");
    }
    DataSplits sample = FashionMnist.embeddedSample();
    ImageSet train = crop(sample.train().first(64), LegacyCheckpointTest.SIDE);
    ImageSet test = crop(sample.test().first(16), LegacyCheckpointTest.SIDE);
    Path run = Files.createTempDirectory("legacy-cnn").resolve("run");
    try (ImageClassifier model =
        ImageClassifier.builder()
            .variant(LegacyCheckpointTest.SIMPLE_CNN)
            .engine(ENGINE)
            .seed(42)
            .imageSize(LegacyCheckpointTest.SIDE, LegacyCheckpointTest.SIDE)
            .set("epochs", 1)
            .set("batch_size", 32)
            .build()) {
      model.fit(train, test, run);
    }
    copyFiles(run.resolve("checkpoint"), target);

    LegacyExpected.Values values;
    try (ImageClassifier model = ImageClassifier.load(target, ENGINE)) {
      values = LegacyCheckpointTest.measure(model);
    }
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("written_by", LegacyCheckpointWriter.class.getName());
    about.put("code", "commit 04c3eed");
    about.put("engine", ENGINE);
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after one epoch of 2 Adam steps (batch 32) on the first"
            + " 64 embedded Fashion-MNIST training images centre-cropped to 18x18, seed 42");
    about.put(
        "inputs",
        "two 18x18 images: 0 has pixel ((x + 2y) mod 7) / 6, 1 has 0.5 + 0.5 sin(0.8x) cos(0.5y)");
    about.put("values", "softmax probabilities of the ten classes of each image, in class order");
    LegacyExpected.write(target, about, values);

    try (ImageClassifier model = ImageClassifier.load(target, OTHER_ENGINE)) {
      double worst =
          LegacyExpected.worstDeviation(values.asMap(), LegacyCheckpointTest.measure(model));
      System.out.printf("simple-cnn on %s: worst deviation %.3g%n", OTHER_ENGINE, worst);
    }
  }

  /** The centre {@code side x side} of each image. */
  static ImageSet crop(ImageSet images, int side) {
    int h = images.height();
    int w = images.width();
    int top = (h - side) / 2;
    int left = (w - side) / 2;
    float[] pixels = new float[images.size() * side * side];
    for (int i = 0; i < images.size(); i++) {
      float[] image = images.image(i);
      for (int y = 0; y < side; y++) {
        System.arraycopy(image, (top + y) * w + left, pixels, (i * side + y) * side, side);
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
