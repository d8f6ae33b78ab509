package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  private static final Function<String, String> NO_ENV = name -> null;

  @TempDir Path tmp;

  private static Function<String, String> env(String value) {
    return name -> Map.of(FashionMnist.DATA_ENV, value).get(name);
  }

  @Test
  void listsTheTenClassNames() {
    assertEquals(10, FashionMnist.CLASS_NAMES.size());
    assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
    assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
  }

  @Test
  void locatorPrefersOptionThenEnvironmentThenDebianThenSample() throws IOException {
    Path option = IdxFiles.writeDataDir(tmp.resolve("option"), 3, 2, false);
    Path fromEnv = IdxFiles.writeDataDir(tmp.resolve("env"), 4, 2, true);
    Path debian = IdxFiles.writeDataDir(tmp.resolve("debian"), 5, 2, true);
    Path noDebian = tmp.resolve("not-installed");

    DataSplits a = FashionMnist.locate(option, 28, 28, env(fromEnv.toString()), debian);
    DataSplits b = FashionMnist.locate(null, 28, 28, env(fromEnv.toString()), debian);
    DataSplits c = FashionMnist.locate(null, 28, 28, env(""), debian);
    DataSplits d = FashionMnist.locate(null, 28, 28, NO_ENV, debian);
    DataSplits e = FashionMnist.locate(null, 28, 28, NO_ENV, noDebian);

    assertEquals(3, a.train().size());
    assertEquals(4, b.train().size());
    assertEquals(5, c.train().size());
    assertEquals(5, d.train().size());
    assertEquals("Fashion-MNIST from " + debian + " (5 train, 2 test)", d.origin());
    assertFalse(d.embedded());
    assertTrue(e.embedded());
    assertEquals(2000, e.train().size());
  }

  @Test
  void skipsIncompleteDebianFolder() throws IOException {
    Path debian = IdxFiles.writeDataDir(tmp.resolve("debian"), 5, 2, true);
    Files.delete(debian.resolve("t10k-labels-idx1-ubyte.gz"));

    assertTrue(FashionMnist.locate(null, 28, 28, NO_ENV, debian).embedded());
  }

  @Test
  void embeddedSampleHasTheFirstImages() {
    DataSplits sample = FashionMnist.embeddedSample();

    assertEquals(2000, sample.train().size());
    assertEquals(500, sample.test().size());
    assertEquals(10, sample.train().numClasses());
    assertEquals(FashionMnist.CLASS_NAMES, sample.test().classNames());
    assertEquals(28, sample.train().height());
    assertEquals(28, sample.train().width());
    assertTrue(sample.embedded());
    assertTrue(
        sample.origin().startsWith("the embedded Fashion-MNIST sample (2000 train, 500 test"));
    // The first training image of Fashion-MNIST is an ankle boot, the first test image too.
    assertEquals(9, sample.train().label(0));
    assertEquals(9, sample.test().label(0));
    int[] perClass = new int[10];
    for (int label : sample.train().labels()) {
      perClass[label]++;
    }
    assertTrue(Arrays.stream(perClass).allMatch(n -> n > 100), Arrays.toString(perClass));
  }

  @Test
  void embeddedSampleMatchesInstalledDataSet() {
    assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_PATH), "Fashion-MNIST is not installed");
    DataSplits full = FashionMnist.locate(null, 28, 28, NO_ENV, FashionMnist.DEBIAN_PATH);
    DataSplits sample = FashionMnist.embeddedSample();

    assertEquals(60000, full.train().size());
    assertEquals(10000, full.test().size());
    assertArrayEquals(Arrays.copyOf(full.train().labels(), 2000), sample.train().labels());
    assertArrayEquals(full.test().image(499), sample.test().image(499));
  }

  @Test
  void readsTrainAndTestImageFolders() throws IOException {
    ImageFolderReaderTest.writeImage(tmp.resolve("train/cat/1.png"), 8, 8, 0xffffff, "png");
    ImageFolderReaderTest.writeImage(tmp.resolve("train/dog/1.png"), 8, 8, 0x000000, "png");
    ImageFolderReaderTest.writeImage(tmp.resolve("train/dog/2.png"), 8, 8, 0x000000, "png");
    ImageFolderReaderTest.writeImage(tmp.resolve("test/dog/1.png"), 8, 8, 0x000000, "png");

    DataSplits splits = FashionMnist.locate(tmp, 16, 12, NO_ENV, null);

    assertEquals(List.of("cat", "dog"), splits.train().classNames());
    assertEquals(List.of("cat", "dog"), splits.test().classNames());
    assertEquals(3, splits.train().size());
    assertEquals(1, splits.test().size());
    assertEquals(1, splits.test().label(0));
    assertEquals(16, splits.test().height());
    assertEquals(12, splits.test().width());
    assertEquals("images from " + tmp + " (3 train, 1 test, 2 classes)", splits.origin());
  }

  @Test
  void splitsASingleImageFolderNinetyTen() throws IOException {
    for (int i = 0; i < 15; i++) {
      ImageFolderReaderTest.writeImage(tmp.resolve("a/" + i + ".png"), 4, 4, 0xffffff, "png");
      ImageFolderReaderTest.writeImage(tmp.resolve("b/" + i + ".jpg"), 4, 4, 0x000000, "jpeg");
    }

    DataSplits first = FashionMnist.read(tmp, 28, 28);
    DataSplits second = FashionMnist.read(tmp, 28, 28);

    assertEquals(27, first.train().size());
    assertEquals(3, first.test().size());
    assertEquals(List.of("a", "b"), first.train().classNames());
    assertArrayEquals(first.test().labels(), second.test().labels());
    assertArrayEquals(first.test().image(2), second.test().image(2));
  }

  @Test
  void keepsAtLeastOneTestImage() throws IOException {
    ImageFolderReaderTest.writeImage(tmp.resolve("a/1.png"), 4, 4, 0xffffff, "png");
    ImageFolderReaderTest.writeImage(tmp.resolve("a/2.png"), 4, 4, 0xffffff, "png");

    DataSplits splits = FashionMnist.read(tmp, 28, 28);

    assertEquals(1, splits.train().size());
    assertEquals(1, splits.test().size());
  }

  @Test
  void rejectsMissingAndUnusableFolders() throws IOException {
    Path missing = tmp.resolve("missing");
    Path junk = Files.createDirectories(tmp.resolve("junk/sub"));
    Files.writeString(junk.resolve("readme.txt"), "hi");
    Path partial = IdxFiles.writeDataDir(tmp.resolve("partial"), 2, 2, true);
    Files.delete(partial.resolve("t10k-images-idx3-ubyte.gz"));

    assertEquals(
        "Data folder " + missing + " given by --data does not exist.",
        assertThrows(ZooException.class, () -> FashionMnist.locate(missing, 28, 28, NO_ENV, null))
            .getMessage());
    assertEquals(
        "Data folder " + missing + " given by ZOO_DATA does not exist.",
        assertThrows(
                ZooException.class,
                () -> FashionMnist.locate(null, 28, 28, env(missing.toString()), null))
            .getMessage());
    assertEquals(
        "Folder "
            + junk.getParent()
            + " holds neither Fashion-MNIST IDX files nor class sub-folders of PNG or JPEG images.",
        assertThrows(ZooException.class, () -> FashionMnist.read(junk.getParent(), 28, 28))
            .getMessage());
    assertEquals(
        "Folder "
            + partial
            + " has train-images-idx3-ubyte but lacks t10k-images-idx3-ubyte (plain or .gz).",
        assertThrows(ZooException.class, () -> FashionMnist.read(partial, 28, 28)).getMessage());
  }
}
