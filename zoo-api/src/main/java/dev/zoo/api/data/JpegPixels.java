package dev.zoo.api.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded JPEG into the picture every image viewer shows: upright after its EXIF
 * orientation, and, for CMYK (or YCCK) files, in RGB computed from its C, M, Y, K samples.
 *
 * <p>The JDK decodes CMYK JPEGs, inverting every sample as if the file stored them inverted as
 * Adobe's files do, and converts them to RGB with a colour space that distorts grey levels. Here
 * the samples of a file without an Adobe APP14 segment, stored plainly, are inverted back; each is
 * then ink coverage, and R = 255 (1 - C)(1 - K), likewise G from M and B from Y: the conversion
 * without an ICC profile, exact for grey images (C = M = Y = 0).
 */
final class JpegPixels {

  private JpegPixels() {}

  /** {@code image}, decoded from a JPEG whose segments are {@code segments}, as it is shown. */
  static BufferedImage shown(BufferedImage image, JpegSegments segments) {
    BufferedImage rgb =
        image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK
            ? fromCmyk(image.getRaster(), !segments.adobe())
            : image;
    return upright(rgb, segments.orientation());
  }

  private static BufferedImage fromCmyk(Raster raster, boolean inverted) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] cmyk = new int[raster.getNumBands()];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, cmyk);
        float k = ink(cmyk[3], inverted);
        int r = Math.round(255 * (1 - ink(cmyk[0], inverted)) * (1 - k));
        int g = Math.round(255 * (1 - ink(cmyk[1], inverted)) * (1 - k));
        int b = Math.round(255 * (1 - ink(cmyk[2], inverted)) * (1 - k));
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  private static float ink(int sample, boolean inverted) {
    return (inverted ? 255 - sample : sample) / 255f;
  }

  /**
   * The image turned and mirrored as EXIF {@code orientation} (1 to 8) says, any pixel type kept.
   */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = orientation >= 5;
    ColorModel cm = image.getColorModel();
    WritableRaster out = cm.createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
    Raster in = image.getRaster();
    int[] pixel = new int[in.getNumBands()];
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> {
            sx = w - 1 - y;
            sy = x;
          }
        }
        out.setPixel(x, y, in.getPixel(sx, sy, pixel));
      }
    }
    return new BufferedImage(cm, out, cm.isAlphaPremultiplied(), null);
  }
}
