package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.ImageJudge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measurement behind {@code zoo eval gan}, with a simple judge instead of a trained CNN. */
class QualityTest {

  @TempDir Path tmp;

  @Test
  void anUntrainedGeneratorIsFarAboveTheFloor() {
    ImageSet test = FashionMnist.embeddedSample().test().first(400);
    Path run = TinyModels.train(tmp.resolve("run"), "dcgan");
    try (ImageGenerator gan = ImageGenerator.load(run, "pytorch");
        PixelJudge judge = new PixelJudge(test, 28, 28)) {
      QualityReport.Quality q = QualityReport.measure(gan, test, judge, 1);
      assertTrue(q.fd() > 3 * q.fdFloor(), q.fd() + " vs floor " + q.fdFloor());
      assertTrue(q.fdFloor() > 0);
      double entropy = q.histogram().entropyBits();
      assertTrue(entropy >= 0 && entropy <= Math.log(10) / Math.log(2) + 1e-9);
      double total = q.histogram().fractions().values().stream().mapToDouble(d -> d).sum();
      assertEquals(1.0, total, 1e-9);
      Map<String, Object> json = q.toMap();
      assertTrue(json.containsKey("fd") && json.containsKey("fd_floor"));
      assertTrue(json.containsKey("class_entropy"));
    }
  }

  @Test
  void aJudgeOfAnotherImageSizeIsRefused() {
    ImageSet test = FashionMnist.embeddedSample().test().first(50);
    Path run = TinyModels.train(tmp.resolve("run"), "dcgan");
    try (ImageGenerator gan = ImageGenerator.load(run, "pytorch");
        PixelJudge judge = new PixelJudge(test, 32, 32)) {
      ZooException e =
          assertThrows(ZooException.class, () -> QualityReport.measure(gan, test, judge, 1));
      assertTrue(e.getMessage().contains("32x32"), e.getMessage());
    }
  }

  /**
   * Features: 7x7 averages of the pixels; probabilities: a softmax over the negative distances to
   * each class's mean image.
   */
  private static final class PixelJudge implements ImageJudge {
    private final float[][] means;
    private final int height;
    private final int width;

    PixelJudge(ImageSet reference, int height, int width) {
      this.height = height;
      this.width = width;
      int size = reference.height() * reference.width();
      means = new float[10][size];
      int[] counts = new int[10];
      for (int i = 0; i < reference.size(); i++) {
        float[] image = reference.image(i);
        int c = reference.label(i);
        counts[c]++;
        for (int p = 0; p < size; p++) {
          means[c][p] += image[p];
        }
      }
      for (int c = 0; c < 10; c++) {
        for (int p = 0; p < size; p++) {
          means[c][p] /= Math.max(1, counts[c]);
        }
      }
    }

    @Override
    public List<String> classNames() {
      return FashionMnist.CLASS_NAMES;
    }

    @Override
    public int height() {
      return height;
    }

    @Override
    public int width() {
      return width;
    }

    @Override
    public float[][] features(ImageSet images) {
      float[][] f = new float[images.size()][49];
      for (int i = 0; i < images.size(); i++) {
        float[] image = images.image(i);
        for (int p = 0; p < image.length; p++) {
          f[i][(p / 28 / 4) * 7 + (p % 28) / 4] += image[p] / 16f;
        }
      }
      return f;
    }

    @Override
    public float[][] probabilities(ImageSet images) {
      float[][] result = new float[images.size()][10];
      for (int i = 0; i < images.size(); i++) {
        float[] image = images.image(i);
        double sum = 0;
        for (int c = 0; c < 10; c++) {
          double d = 0;
          for (int p = 0; p < image.length; p++) {
            d += (image[p] - means[c][p]) * (image[p] - means[c][p]);
          }
          result[i][c] = (float) Math.exp(-d / 50);
          sum += result[i][c];
        }
        for (int c = 0; c < 10; c++) {
          result[i][c] /= (float) sum;
        }
      }
      return result;
    }

    @Override
    public void close() {}
  }
}
