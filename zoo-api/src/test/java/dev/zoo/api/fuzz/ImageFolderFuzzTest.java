package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link ImageFolderReader#read} on folders of class sub-folders built from the input.
 *
 * <p>Input: one byte each for the requested height and width (1 to 32), then entries until the
 * input ends (at most 12): a byte for the place (class folder {@code a}, {@code b}, {@code .hidden}
 * or the top folder), a byte for the name (image extensions in several cases, hidden names, other
 * extensions, a folder named like an image), a byte for the content (a valid PNG, a valid JPEG, or
 * a chunk of the input).
 */
class ImageFolderFuzzTest {
  private static final List<String> PLACES = List.of("a/", "b/", ".hidden/", "");
  private static final List<String> NAMES =
      List.of("x.png", "y.PNG", "z.jpg", "w.JPEG", ".h.png", "notes.txt", "noext", "dir.png");
  private static final byte[] PNG = encode("png", BufferedImage.TYPE_BYTE_GRAY);
  private static final byte[] JPEG = encode("jpeg", BufferedImage.TYPE_INT_RGB);

  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void read(byte[] data) throws IOException {
    FuzzInput in = new FuzzInput(data);
    int height = 1 + in.u8() % 32;
    int width = 1 + in.u8() % 32;
    Path dir = Scratch.fresh(tmp);
    for (int entry = 0; entry < 12; entry++) {
      byte[] placeAndName = in.bytes(2);
      if (placeAndName.length < 2) {
        break;
      }
      String place = PLACES.get(placeAndName[0] & 3);
      String name = NAMES.get(placeAndName[1] & 7);
      String path = place + (name.startsWith(".") ? name : (entry % 3) + name);
      int content = in.u8() & 3;
      if (name.startsWith("dir")) {
        Files.createDirectories(dir.resolve(path));
      } else if (!Files.isDirectory(dir.resolve(path))) {
        Scratch.write(dir, path, content == 0 ? PNG : content == 1 ? JPEG : in.chunk());
      }
    }
    Outcome.of(() -> ImageFolderReader.read(dir, height, width))
        .ifPresent(set -> check(set, height, width));
  }

  private static void check(ImageSet set, int height, int width) {
    assertTrue(set.size() > 0, "an empty image set");
    assertEquals(set.size(), set.labels().length);
    for (int label : set.labels()) {
      assertTrue(label >= 0 && label < set.classNames().size(), "label " + label);
    }
    for (int i = 0; i < set.size(); i++) {
      float[] image = set.image(i);
      assertEquals(height * width, image.length);
      Outcome.requireUnitRange(image);
    }
  }

  private static byte[] encode(String format, int type) {
    BufferedImage image = new BufferedImage(3, 2, type);
    image.setRGB(1, 1, 0xffffff);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
