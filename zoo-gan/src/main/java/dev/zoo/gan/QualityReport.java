package dev.zoo.gan;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.ClassHistogram;
import dev.zoo.api.metrics.FrechetDistance;
import dev.zoo.api.metrics.ImageJudge;
import dev.zoo.api.model.ModelLoader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo eval gan}: the Fréchet distance between generated and real test images in a
 * classifier's feature space, next to the distance between two halves of the test set (the floor a
 * perfect generator would reach at that sample size), and the class histogram of generated images.
 */
final class QualityReport {

  private QualityReport() {}

  /** The figures of one measurement. */
  record Quality(
      double fd, double fdFloor, ClassHistogram histogram, int generated, int realImages) {

    Map<String, Object> toMap() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("fd", fd);
      json.put("fd_floor", fdFloor);
      json.put("class_entropy", histogram.entropyBits());
      json.put("class_entropy_max", histogram.maxEntropyBits());
      json.put("min_class_fraction", histogram.minFraction());
      json.put("class_histogram", histogram.fractions());
      json.put("generated", generated);
      json.put("real", realImages);
      return json;
    }
  }

  /**
   * {@code zoo eval gan}: measures the checkpoint's generator against the test images the context
   * resolves, with the context's judge.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for an option {@code zoo eval gan} does not
   *     take
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  static Report evaluate(GanFamily family, ModelRequest request, RunContext context) {
    request.allowOnly("zoo eval gan");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), GanFamily.NAME);
    String variant = cp.info().variant();
    DataSplits data = FashionMnist.locate(context.data());
    Quality q;
    try (ImageGenerator model = ModelLoader.load(family, cp, context, ImageGenerator::new)) {
      context.log().println("Data: " + data.origin() + ".");
      try (ImageJudge judge = context.judge()) {
        q = measure(model, data.test(), judge, context.seed());
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("variant", variant);
    json.put("epoch", cp.info().epoch());
    json.putAll(q.toMap());
    json.put("data", data.origin());
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Evaluated gan/%s from %s (epoch %d) with %d generated and %d real test images.%n",
            variant,
            cp.dir(),
            cp.info().epoch(),
            q.generated(),
            q.realImages()));
    text.append(
        String.format(
            Locale.ROOT,
            "Fréchet distance %.3f (floor: two halves of the test set %.3f; lower is better).%n",
            q.fd(),
            q.fdFloor()));
    text.append(
        String.format(
            Locale.ROOT,
            "Class entropy %.3f of %.3f bits (low means mode collapse); generated classes:%n",
            q.histogram().entropyBits(),
            q.histogram().maxEntropyBits()));
    q.histogram()
        .fractions()
        .forEach(
            (name, share) ->
                text.append(String.format(Locale.ROOT, "  %-12s %5.1f%%%n", name, 100 * share)));
    return new Report(text.toString(), json);
  }

  /**
   * Generates as many images as {@code test} holds and measures them against it.
   *
   * @throws InvalidSettingException when the judge takes another image size, or {@code test} holds
   *     fewer than 4 images
   */
  static Quality measure(ImageGenerator model, ImageSet test, ImageJudge judge, long seed) {
    if (judge.height() != model.height() || judge.width() != model.width()) {
      throw new InvalidSettingException(
          String.format(
              Locale.ROOT,
              "The classifier that measures images takes %dx%d images, but the model draws %dx%d.",
              judge.height(),
              judge.width(),
              model.height(),
              model.width()));
    }
    if (test.size() < 4) {
      throw new InvalidDataException(
          "Measuring generated images needs at least 4 test images, not " + test.size() + ".");
    }
    int n = test.size();
    ImageSet generated = model.sample(n, seed).toImageSet(judge.classNames(), new int[n]);
    float[][] realFeatures = judge.features(test);
    float[][] fakeFeatures = judge.features(generated);
    float[][] even = new float[(n + 1) / 2][];
    float[][] odd = new float[n / 2][];
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        even[i / 2] = realFeatures[i];
      } else {
        odd[i / 2] = realFeatures[i];
      }
    }
    return new Quality(
        FrechetDistance.between(fakeFeatures, realFeatures),
        FrechetDistance.between(even, odd),
        ClassHistogram.of(judge.probabilities(generated), judge.classNames()),
        n,
        n);
  }
}
