package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.InvalidDataException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image files as cameras, editors and archives make them: a JPEG turned by its EXIF orientation, a
 * CMYK JPEG, 16-bit, palette, grey+alpha and interlaced PNGs, a cut PNG, and an image folder with
 * folders that hold no images. Each is read as it is shown, or refused or left out with a clear
 * word.
 */
class ImagesFromTheFieldTest {
  @TempDir Path dir;

  /** Grey levels 0..255 of an asymmetric 28x28 shape: an L with a dot, on a gradient. */
  private static int[][] shape() {
    int[][] g = new int[28][28];
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        boolean bar = (x >= 4 && x < 9 && y >= 2 && y < 25) || (y >= 20 && y < 25 && x < 22);
        boolean dot = x >= 18 && x < 24 && y >= 3 && y < 9;
        g[y][x] = bar || dot ? 240 : 20 + x * 2;
      }
    }
    return g;
  }

  private static int[][] turnedAnticlockwise(int[][] g) {
    int h = g.length;
    int w = g[0].length;
    int[][] out = new int[w][h];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < h; x++) {
        out[y][x] = g[x][w - 1 - y];
      }
    }
    return out;
  }

  private static BufferedImage grey(int[][] g) {
    BufferedImage image = new BufferedImage(g[0].length, g.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < g.length; y++) {
      for (int x = 0; x < g[0].length; x++) {
        image.getRaster().setSample(x, y, 0, g[y][x]);
      }
    }
    return image;
  }

  private static float[] levels(int[][] g) {
    float[] out = new float[g.length * g[0].length];
    for (int y = 0; y < g.length; y++) {
      for (int x = 0; x < g[0].length; x++) {
        out[y * g[0].length + x] = g[y][x] / 255f;
      }
    }
    return out;
  }

  private static byte[] jpeg(RenderedImage image, Raster raster) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.95f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(
          null,
          image != null ? new IIOImage(image, null, null) : new IIOImage(raster, null, null),
          param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** {@code jpeg} with {@code segment} inserted after its first segment (SOI, then APP0 if any). */
  private static byte[] withSegment(byte[] jpeg, byte[] segment) {
    int at = 2;
    if ((jpeg[3] & 0xff) == 0xe0) {
      at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
    }
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, at);
    System.arraycopy(segment, 0, out, at, segment.length);
    System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
    return out;
  }

  /** An APP1 EXIF segment whose first directory has one entry: Orientation (0x0112) = value. */
  static byte[] exifOrientation(int value, boolean littleEndian) {
    byte[] tiff = new byte[8 + 2 + 12 + 4];
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(tiff)
            .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
    b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
    b.putShort((short) 42).putInt(8).putShort((short) 1);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) value);
    byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
    out.writeBytes(exif);
    out.writeBytes(tiff);
    return out.toByteArray();
  }

  private static double meanDifference(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }

  @Test
  void aJpegStoredTurnedWithExifOrientation6IsReadUpright() throws Exception {
    int[][] upright = shape();
    byte[] stored = jpeg(grey(turnedAnticlockwise(upright)), null);
    for (boolean littleEndian : new boolean[] {true, false}) {
      Path turned =
          Files.write(
              dir.resolve("turned.jpg"), withSegment(stored, exifOrientation(6, littleEndian)));
      Path raw = Files.write(dir.resolve("raw.jpg"), stored);

      float[] read = ImageFolderReader.readGrey(turned, 28, 28);

      assertTrue(meanDifference(read, levels(upright)) < 0.01, "not read upright");
      float[] rawRead = ImageFolderReader.readGrey(raw, 28, 28);
      assertTrue(meanDifference(rawRead, levels(upright)) > 0.1, "the raw pixels are upright");
    }
  }

  @Test
  void everyExifOrientationTurnsAndMirrorsAsTheStandardSays() {
    // A 3x2 image, pixel values 1..6 row by row: 1 2 3 / 4 5 6.
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 6; i++) {
      image.getRaster().setSample(i % 3, i / 3, 0, i + 1);
    }
    int[][] shown = {
      {1, 2, 3, 4, 5, 6},
      {3, 2, 1, 6, 5, 4},
      {6, 5, 4, 3, 2, 1},
      {4, 5, 6, 1, 2, 3},
      {1, 4, 2, 5, 3, 6},
      {4, 1, 5, 2, 6, 3},
      {6, 3, 5, 2, 4, 1},
      {3, 6, 2, 5, 1, 4}
    };
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage out = JpegPixels.upright(image, orientation);
      assertEquals(orientation >= 5 ? 2 : 3, out.getWidth(), "orientation " + orientation);
      int[] values = out.getRaster().getPixels(0, 0, out.getWidth(), out.getHeight(), (int[]) null);
      assertArrayEquals(shown[orientation - 1], values, "orientation " + orientation);
    }
  }

  @Test
  void damagedExifSegmentsLeaveTheImageAsStored() {
    byte[] segment = exifOrientation(6, true);
    byte[] jpeg = new byte[2 + segment.length];
    jpeg[0] = (byte) 0xff;
    jpeg[1] = (byte) 0xd8;
    System.arraycopy(segment, 0, jpeg, 2, segment.length);
    assertEquals(6, JpegSegments.of(jpeg).orientation());
    for (int cut = 0; cut < jpeg.length; cut++) {
      JpegSegments.of(Arrays.copyOf(jpeg, cut));
      byte[] damaged = jpeg.clone();
      damaged[cut] = (byte) 0xff;
      int orientation = JpegSegments.of(damaged).orientation();
      assertTrue(orientation >= 1 && orientation <= 8, "orientation " + orientation);
    }
  }

  /** A CMYK JPEG of grey levels (ink only in K), inverted as Photoshop stores it if adobe. */
  private static byte[] cmykJpeg(int[][] g, boolean adobe) throws Exception {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 28, 28, 4, null);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int k = 255 - g[y][x];
        for (int b = 0; b < 3; b++) {
          raster.setSample(x, y, b, adobe ? 255 : 0);
        }
        raster.setSample(x, y, 3, adobe ? 255 - k : k);
      }
    }
    byte[] jpeg = jpeg(null, raster);
    if (!adobe) {
      return jpeg;
    }
    byte[] app14 = {
      (byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
    };
    return withSegment(jpeg, app14);
  }

  @Test
  void cmykJpegsAreReadAsTheirGreyLevels() throws Exception {
    int[][] g = shape();
    for (boolean adobe : new boolean[] {false, true}) {
      Path file = Files.write(dir.resolve("cmyk-" + adobe + ".jpg"), cmykJpeg(g, adobe));

      float[] read = ImageFolderReader.readGrey(file, 28, 28);

      assertTrue(
          meanDifference(read, levels(g)) < 0.02,
          "Adobe " + adobe + ": " + meanDifference(read, levels(g)));
    }
  }

  private Path png(String name, RenderedImage image, boolean interlaced) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(
        interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return file;
  }

  @Test
  void sixteenBitPaletteGreyAlphaAndInterlacedPngsGiveTheSameGreyLevels() throws Exception {
    int[][] g = shape();
    float[] expected = levels(g);

    BufferedImage sixteen = new BufferedImage(28, 28, BufferedImage.TYPE_USHORT_GRAY);
    byte[] palette = new byte[256];
    for (int i = 0; i < 256; i++) {
      palette[i] = (byte) i;
    }
    byte[] red = palette.clone();
    red[255] = 0; // entry 255, unused, is red: the file keeps its palette rather than turn grey
    BufferedImage indexed =
        new BufferedImage(
            28,
            28,
            BufferedImage.TYPE_BYTE_INDEXED,
            new IndexColorModel(8, 256, palette, red, red));
    ComponentColorModel greyAlphaModel =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    BufferedImage greyAlpha =
        new BufferedImage(
            greyAlphaModel, greyAlphaModel.createCompatibleWritableRaster(28, 28), false, null);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        sixteen.getRaster().setSample(x, y, 0, g[y][x] * 257);
        indexed.getRaster().setSample(x, y, 0, g[y][x]);
        greyAlpha.getRaster().setSample(x, y, 0, g[y][x]);
        greyAlpha.getRaster().setSample(x, y, 1, 255);
      }
    }
    List<Path> files =
        List.of(
            png("grey8.png", grey(g), false),
            png("grey16.png", sixteen, false),
            png("palette.png", indexed, false),
            png("grey-alpha.png", greyAlpha, false),
            png("interlaced.png", grey(g), true),
            png("interlaced16.png", sixteen, true));
    for (Path file : files) {
      assertArrayEquals(expected, ImageFolderReader.readGrey(file, 28, 28), 1e-5f, file.toString());
    }
    assertEquals(
        BufferedImage.TYPE_BYTE_INDEXED,
        ImageIO.read(dir.resolve("palette.png").toFile()).getType());
  }

  @Test
  void aCutPngIsNamedAsDamagedNotAsAnotherFormat() throws Exception {
    Path whole = png("whole.png", grey(shape()), false);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length * 6 / 10));

    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolderReader.readGrey(cut, 28, 28));

    assertEquals(
        "Cannot decode image " + cut + ": it is a PNG file that is damaged or cut short.",
        e.getMessage());
  }

  @Test
  void foldersWithoutImagesAreLeftOutAndNamed() throws Exception {
    for (String name : new String[] {"Bag", "Coat"}) {
      Files.createDirectories(dir.resolve(name));
      for (int i = 0; i < 2; i++) {
        png(name + "/" + i + ".png", grey(shape()), false);
      }
    }
    Files.createDirectories(dir.resolve("__MACOSX/Bag"));
    Files.write(dir.resolve("__MACOSX/Bag/._0.png"), new byte[] {0, 5, 22, 7});
    Files.createDirectories(dir.resolve("animations"));
    Files.write(dir.resolve("animations/a.webp"), new byte[] {'R', 'I', 'F', 'F'});
    Files.write(dir.resolve("animations/b.gif"), new byte[] {'G', 'I', 'F', '8'});
    Files.createDirectories(dir.resolve("empty"));

    ImageSet set = ImageFolderReader.read(dir, 28, 28);

    assertEquals(List.of("Bag", "Coat"), set.classNames());
    assertEquals(4, set.size());
    assertEquals(
        "the image folder "
            + dir
            + ", left out, holding no PNG or JPEG images: __MACOSX/, animations/, empty/",
        set.source());
  }
}
