package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.InvalidDataException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, hostile and misplaced image files: refused in one sentence, never half-read. */
class ImageInputsTest {
  @TempDir Path dir;

  private static byte[] noisyImage(String format, int size) throws Exception {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** A grey PNG that declares {@code width x height} pixels and holds one empty data chunk. */
  static byte[] pngDeclaring(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8);
    chunk(out, "IHDR", header.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * Every cut of a PNG or JPEG file before {@code wholeFrom} bytes from its end is refused; a later
   * cut (only checksums and end markers missing) may give the whole image, but nothing in between.
   */
  private void everyCutIsRefusedOrWhole(String format, String name, int wholeFrom)
      throws Exception {
    byte[] bytes = noisyImage(format, 24);
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    float[] whole = ImageFolderReader.readGrey(file, 24, 24);
    for (int cut = 1; cut < bytes.length; cut++) {
      Files.write(file, Arrays.copyOf(bytes, cut));
      try {
        float[] read = ImageFolderReader.readGrey(file, 24, 24);
        assertTrue(cut >= bytes.length - wholeFrom, "a cut after byte " + cut + " was read");
        assertArrayEquals(whole, read, "a cut after byte " + cut);
      } catch (InvalidDataException e) {
        assertTrue(e.getMessage().startsWith("Cannot decode image " + file + ": "), e.getMessage());
      }
    }
  }

  @Test
  void aTruncatedPngIsRefusedNotPredicted() throws Exception {
    // IEND (12 bytes), the last data chunk's CRC (4) and the zlib stream's Adler-32 (4).
    everyCutIsRefusedOrWhole("png", "cut.png", 20);
  }

  @Test
  void aTruncatedJpegIsRefusedNotPredicted() throws Exception {
    everyCutIsRefusedOrWhole("jpeg", "cut.jpg", 0);
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
    Path bomb = Files.write(dir.resolve("bomb.png"), pngDeclaring(30000, 30000));
    assertTrue(Files.size(bomb) < 100);

    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.readGrey(bomb, 28, 28));

    assertEquals(
        "Image file "
            + bomb
            + " declares 30000x30000 pixels; the zoo reads images of at most 16 million pixels.",
        e.getMessage());
  }

  @Test
  void anImageJustUnderTheLimitIsNotRefusedForItsSize() throws Exception {
    Path wide =
        Files.write(dir.resolve("wide.png"), pngDeclaring((int) ImageFolderReader.MAX_PIXELS, 1));

    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.readGrey(wide, 28, 28));

    assertEquals(
        "Cannot decode image " + wide + ": it is a PNG file that is damaged or cut short.",
        e.getMessage());
  }

  @Test
  void aFolderOfJunkHasNoImages() throws Exception {
    Files.createDirectories(dir.resolve("cats"));
    Files.writeString(dir.resolve("cats/notes.txt"), "not an image");
    Files.writeString(dir.resolve("cats/table.csv"), "a,b\n1,2\n");
    Files.write(dir.resolve("cats/.thumbs.png"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("loose.png"), noisyImage("png", 4));

    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.read(dir, 28, 28));

    assertEquals(
        "Folder " + dir + " holds no PNG or JPEG images in class sub-folders.", e.getMessage());
  }

  @Test
  void junkNamedLikeAnImageIsNamed() throws Exception {
    Files.createDirectories(dir.resolve("cats"));
    Files.write(dir.resolve("cats/a.png"), noisyImage("png", 4));
    Path junk = Files.writeString(dir.resolve("cats/b.jpg"), "<html>not found</html>");

    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.read(dir, 28, 28));

    assertEquals("Cannot decode image " + junk + ": not a PNG or JPEG file.", e.getMessage());
  }

  @Test
  void anEmptyFolderHasNoImages() {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.read(dir, 28, 28));

    assertEquals(
        "Folder " + dir + " holds no PNG or JPEG images in class sub-folders.", e.getMessage());
  }
}
