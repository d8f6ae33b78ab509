package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.metrics.ClassificationMetrics;
import dev.zoo.api.model.ImageModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained Fashion-MNIST classifier evaluated on folders of class sub-folders: classes are
 * matched by name in any order ({@code T-shirt-top/} is {@code T-shirt/top}), a folder of some of
 * the classes is evaluated on those, and a plain folder is evaluated on every image.
 */
class EvaluateFolderTest {

  @TempDir Path dir;

  /** Writes the first {@code n} test images of the embedded sample as PNGs in class folders. */
  private static ImageSet writeFolders(Path root, int n, List<String> only) throws Exception {
    ImageSet sample = FashionMnist.embeddedSample().test().first(n);
    int kept = 0;
    int[] keep = new int[n];
    for (int i = 0; i < n; i++) {
      String label = sample.classNames().get(sample.label(i));
      if (only != null && !only.contains(label)) {
        continue;
      }
      Path folder = Files.createDirectories(root.resolve(ImageModel.folderName(label)));
      float[] pixels = sample.image(i);
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < pixels.length; p++) {
        image.getRaster().setSample(p % 28, p / 28, 0, Math.round(pixels[p] * 255));
      }
      ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
      keep[kept++] = i;
    }
    return sample.subset(java.util.Arrays.copyOf(keep, kept));
  }

  @Test
  void classFoldersAreMatchedByNameAndEveryImageOfAPlainFolderIsUsed() throws Exception {
    try (ImageClassifier model = ImageClassifier.pretrained("fashion-mnist/simple-cnn")) {
      Path all = dir.resolve("all");
      ImageSet original = writeFolders(all, 200, null);
      assertTrue(Files.isDirectory(all.resolve("T-shirt-top")));

      ImageSet read = FashionMnist.locateTest(all);
      assertEquals(200, read.size());
      ClassificationMetrics fromFolders = model.evaluate(read);
      ClassificationMetrics direct = model.evaluate(original);
      assertEquals(200, fromFolders.total());
      assertEquals(direct.accuracy(), fromFolders.accuracy(), 1e-12);
      assertArrayEquals(direct.confusionMatrix(), fromFolders.confusionMatrix());

      Path some = dir.resolve("some");
      ImageSet bagsAndCoats = writeFolders(some, 200, List.of("Bag", "Coat"));
      ImageSet subset = FashionMnist.locateTest(some);
      assertEquals(List.of("Bag", "Coat"), subset.classNames());
      ClassificationMetrics two = model.evaluate(subset);
      assertEquals(bagsAndCoats.size(), two.total());
      assertEquals(model.evaluate(bagsAndCoats).accuracy(), two.accuracy(), 1e-12);
      assertTrue(two.accuracy() > 0.5, "accuracy on bags and coats " + two.accuracy());
    }
  }
}
