package dev.zoo.cli;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.metrics.ImageJudge;
import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.cnn.ClassifierJudge;
import dev.zoo.cnn.ImageClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The classifier that measures generated images for {@code zoo eval} and {@code zoo bench}: the
 * checkpoint named by {@code ZOO_JUDGE} if set; for Debian's full Fashion-MNIST the pretrained
 * {@code fashion-mnist/simple-cnn} when zoo-models is on the class path; else a simple-cnn cached
 * under {@code $XDG_CACHE_HOME/zoo} (or {@code ~/.cache/zoo}), trained there once on the resolved
 * data.
 */
final class JudgeProvider implements Supplier<ImageJudge> {

  static final String JUDGE_ENV = "ZOO_JUDGE";
  private static final int EPOCHS = 2;

  /** The pretrained classifier that measures images of the full Fashion-MNIST set. */
  static final String PRETRAINED_JUDGE = "fashion-mnist/simple-cnn";

  private final Path data;
  private final String engine;
  private final PrintStream log;

  JudgeProvider(Path data, String engine, PrintStream log) {
    this.data = data;
    this.engine = engine;
    this.log = log;
  }

  @Override
  public ImageJudge get() {
    String named = System.getenv(JUDGE_ENV);
    if (named != null && !named.isBlank()) {
      return ClassifierJudge.load(Path.of(named));
    }
    DataSplits splits = FashionMnist.locate(data);
    String slug = slug(splits);
    PretrainedModels models = PretrainedModels.onClassPath();
    if (slug.equals("fashion-mnist")
        && models.all().stream().anyMatch(m -> m.name().equals(PRETRAINED_JUDGE))) {
      // The shipped model is this very recipe (simple-cnn, 2 epochs, seed 42, the full set), so
      // every machine measures with the same classifier and trains none.
      log.println("Measuring with the pretrained classifier " + PRETRAINED_JUDGE + ".");
      return ClassifierJudge.load(models.checkpoint(PRETRAINED_JUDGE, "cnn"));
    }
    Path dir = cacheRoot().resolve("judge-" + slug + "-simple-cnn");
    if (!Checkpoint.exists(dir)) {
      log.printf(
          "Training the classifier that measures images (simple-cnn, %d epochs on %s) once into"
              + " %s.%n",
          EPOCHS, splits.origin(), dir);
      try (ImageClassifier model =
          ImageClassifier.builder()
              .variant("simple-cnn")
              .labels(splits.train().classNames())
              .imageSize(splits.train().height(), splits.train().width())
              .engine(engine)
              .set("epochs", EPOCHS)
              .build()) {
        // Trained beside its final place and moved there when complete, so an interrupted
        // training never leaves a half-trained judge behind for later measurements.
        Path partial =
            dir.resolveSibling(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        model.fit(splits.train(), splits.test(), partial);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new ZooException(
            "Cannot store the classifier in " + dir + ": " + e.getMessage() + ".", e);
      }
    }
    log.println("Measuring with the classifier in " + dir + ".");
    return ClassifierJudge.load(dir);
  }

  private static String slug(DataSplits splits) {
    if (splits.embedded()) {
      return "fashion-mnist-sample";
    }
    if (splits.origin().startsWith("Fashion-MNIST from " + FashionMnist.DEBIAN_PATH)) {
      return "fashion-mnist";
    }
    return "data-" + HexFormat.of().toHexDigits(splits.origin().hashCode());
  }

  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "zoo");
    }
    String home = System.getProperty("user.home");
    if (home == null) {
      throw new ZooException(
          "Cannot find a cache folder: neither XDG_CACHE_HOME nor a home is set.");
    }
    return Path.of(home, ".cache", "zoo");
  }
}
