package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  private static final List<String> THREE = List.of("a", "b", "c");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTripsPlainAndGzipFiles(boolean gz) throws IOException {
    byte[] images = IdxFiles.images(5, 3, 4);
    byte[] labels = IdxFiles.labels(2, 0, 1, 2, 1);
    Path imageFile = dir.resolve("images.idx");
    Path labelFile = dir.resolve("labels.idx");
    Files.write(imageFile, gz ? IdxFiles.gzip(images) : images);
    Files.write(labelFile, gz ? IdxFiles.gzip(labels) : labels);

    ImageSet set = IdxReader.read(imageFile, labelFile, THREE);

    assertEquals(5, set.size());
    assertEquals(3, set.height());
    assertEquals(4, set.width());
    assertEquals(THREE, set.classNames());
    assertArrayEquals(new int[] {2, 0, 1, 2, 1}, set.labels());
    for (int i = 0; i < 5; i++) {
      float[] image = set.image(i);
      for (int k = 0; k < 12; k++) {
        assertEquals(IdxFiles.pixel(i, k) / 255f, image[k], 1e-7f);
      }
    }
  }

  @Test
  void detectsGzipByContentNotName() throws IOException {
    Path plainNamedGz = dir.resolve("images.gz");
    Files.write(plainNamedGz, IdxFiles.images(2, 2, 2));
    Path gzNamedPlain = dir.resolve("images-idx3-ubyte");
    Files.write(gzNamedPlain, IdxFiles.gzip(IdxFiles.images(3, 2, 2)));

    assertEquals(2, IdxReader.readImages(plainNamedGz).count());
    assertEquals(3, IdxReader.readImages(gzNamedPlain).count());
  }

  @Test
  void readsFullScalePixelValues() throws IOException {
    byte[] data = IdxFiles.images(1, 1, 2);
    data[16] = (byte) 255;
    data[17] = 0;
    Path file = dir.resolve("x");
    Files.write(file, data);

    IdxReader.Images images = IdxReader.readImages(file);

    assertArrayEquals(new float[] {1f, 0f}, images.pixels());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void reportsTruncatedImageFile(boolean gz) throws IOException {
    byte[] full = IdxFiles.images(10, 28, 28);
    byte[] cut = Arrays.copyOf(full, 16 + 1200);
    Path file = dir.resolve("train-images-idx3-ubyte");
    Files.write(file, gz ? IdxFiles.gzip(cut) : cut);

    ZooException e = assertThrows(ZooException.class, () -> IdxReader.readImages(file));

    assertEquals(
        "File " + file + " is truncated: expected 7840 pixel bytes, found 1200.", e.getMessage());
  }

  @Test
  void reportsGzipStreamCutOffMidway() throws IOException {
    byte[] gz = IdxFiles.gzip(IdxFiles.images(100, 28, 28));
    Path file = dir.resolve("cut.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));

    ZooException e = assertThrows(ZooException.class, () -> IdxReader.readImages(file));

    assertTrue(
        e.getMessage().startsWith("File " + file + " is truncated: expected 78400 pixel"),
        e.getMessage());
  }

  @Test
  void reportsTruncatedLabelFile() throws IOException {
    byte[] cut = Arrays.copyOf(IdxFiles.labels(1, 2, 0, 1), 8 + 3);
    Path file = dir.resolve("labels");
    Files.write(file, cut);

    ZooException e = assertThrows(ZooException.class, () -> IdxReader.readLabels(file));

    assertEquals(
        "File " + file + " is truncated: expected 4 label bytes, found 3.", e.getMessage());
  }

  @Test
  void rejectsWrongMagicNumber() throws IOException {
    Path labelsAsImages = dir.resolve("labels");
    Files.write(labelsAsImages, IdxFiles.gzip(IdxFiles.labels(1, 2, 3)));
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello, world");

    ZooException e1 = assertThrows(ZooException.class, () -> IdxReader.readImages(labelsAsImages));
    ZooException e2 = assertThrows(ZooException.class, () -> IdxReader.readLabels(text));

    assertEquals(
        "File " + labelsAsImages + " is not an IDX image file (magic number 0x00000801).",
        e1.getMessage());
    assertEquals(
        "File " + text + " is not an IDX label file (magic number 0x68656c6c).", e2.getMessage());
  }

  @Test
  void rejectsImplausibleDimensions() throws IOException {
    byte[] data = IdxFiles.images(1, 2, 2);
    data[11] = 0; // height becomes 0
    Path file = dir.resolve("zero-height");
    Files.write(file, data);

    ZooException e = assertThrows(ZooException.class, () -> IdxReader.readImages(file));

    assertTrue(e.getMessage().contains("implausible size of 1 images of 0x2"), e.getMessage());
  }

  @Test
  void reportsCountMismatch() throws IOException {
    Path imageFile = dir.resolve("images");
    Path labelFile = dir.resolve("labels");
    Files.write(imageFile, IdxFiles.images(4, 2, 2));
    Files.write(labelFile, IdxFiles.labels(0, 1, 2));

    ZooException e =
        assertThrows(ZooException.class, () -> IdxReader.read(imageFile, labelFile, THREE));

    assertEquals(
        "File " + imageFile + " has 4 images but file " + labelFile + " has 3 labels.",
        e.getMessage());
  }

  @Test
  void rejectsLabelOutsideClassList() throws IOException {
    Path imageFile = dir.resolve("images");
    Path labelFile = dir.resolve("labels");
    Files.write(imageFile, IdxFiles.images(3, 2, 2));
    Files.write(labelFile, IdxFiles.labels(0, 3, 1));

    ZooException e =
        assertThrows(ZooException.class, () -> IdxReader.read(imageFile, labelFile, THREE));

    assertTrue(e.getMessage().contains("label 3 for item 1"), e.getMessage());
  }

  @Test
  void reportsMissingAndEmptyFiles() throws IOException {
    Path missing = dir.resolve("nope");
    Path empty = Files.createFile(dir.resolve("empty"));

    assertEquals(
        "File " + missing + " does not exist.",
        assertThrows(ZooException.class, () -> IdxReader.readImages(missing)).getMessage());
    assertEquals(
        "File " + empty + " is empty.",
        assertThrows(ZooException.class, () -> IdxReader.readLabels(empty)).getMessage());
  }
}
