package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.data.IdxReader;
import dev.zoo.api.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link IdxReader} on image and label files, plain or gzip.
 *
 * <p>Input: one mode byte (bit 0: gzip the image file, bit 1: gzip the label file, bits 2-3: read
 * the images, the labels, or both as an image set), a chunk (two-byte length) for the image file,
 * and the rest for the label file.
 */
class IdxReaderFuzzTest {
  private static final List<String> CLASSES =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void read(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    int mode = in.u8();
    byte[] imageBytes = in.chunk();
    byte[] labelBytes = in.rest();
    Path dir = tmp;
    Path images =
        Scratch.write(dir, "images-idx3-ubyte", (mode & 1) != 0 ? gzip(imageBytes) : imageBytes);
    Path labels =
        Scratch.write(dir, "labels-idx1-ubyte", (mode & 2) != 0 ? gzip(labelBytes) : labelBytes);
    switch (mode >> 2 & 3) {
      case 0 -> Outcome.of(() -> IdxReader.readImages(images)).ifPresent(this::checkImages);
      case 1 ->
          Outcome.of(() -> IdxReader.readLabels(labels))
              .ifPresent(l -> assertTrue(java.util.Arrays.stream(l).allMatch(v -> v < 256)));
      default ->
          Outcome.of(() -> IdxReader.read(images, labels, CLASSES)).ifPresent(this::checkSet);
    }
  }

  private void checkImages(IdxReader.Images images) {
    assertEquals((long) images.count() * images.height() * images.width(), images.pixels().length);
    Outcome.requireUnitRange(images.pixels());
  }

  private void checkSet(ImageSet set) {
    assertEquals(set.size(), set.labels().length);
    for (int label : set.labels()) {
      assertTrue(label >= 0 && label < CLASSES.size(), "label " + label);
    }
    if (set.size() > 0) {
      assertEquals(set.height() * set.width(), set.image(0).length);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
