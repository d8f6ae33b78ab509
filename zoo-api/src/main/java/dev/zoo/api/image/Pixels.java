package dev.zoo.api.image;

import java.awt.image.BufferedImage;

/** Pixel-level drawing on {@link BufferedImage}s that needs neither fonts nor Java 2D. */
final class Pixels {

  private Pixels() {}

  /** Returns an opaque RGB image of the given size filled with {@code rgb}. */
  static BufferedImage blank(int width, int height, int rgb) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    fillRect(img, 0, 0, width, height, rgb);
    return img;
  }

  /** Fills a rectangle, clipped to the image. */
  static void fillRect(BufferedImage img, int x, int y, int w, int h, int rgb) {
    int argb = 0xFF000000 | rgb;
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(img.getWidth(), x + w);
    int y1 = Math.min(img.getHeight(), y + h);
    for (int yy = y0; yy < y1; yy++) {
      for (int xx = x0; xx < x1; xx++) {
        img.setRGB(xx, yy, argb);
      }
    }
  }

  /** Draws the one-pixel outline of a rectangle, clipped to the image. */
  static void strokeRect(BufferedImage img, int x, int y, int w, int h, int rgb) {
    if (w <= 0 || h <= 0) {
      return;
    }
    fillRect(img, x, y, w, 1, rgb);
    fillRect(img, x, y + h - 1, w, 1, rgb);
    fillRect(img, x, y, 1, h, rgb);
    fillRect(img, x + w - 1, y, 1, h, rgb);
  }

  /** Mixes {@code rgb} into the pixel at ({@code x}, {@code y}) with opacity {@code alpha}. */
  static void blend(BufferedImage img, int x, int y, int rgb, double alpha) {
    if (x < 0 || y < 0 || x >= img.getWidth() || y >= img.getHeight() || alpha <= 0) {
      return;
    }
    if (alpha >= 1) {
      img.setRGB(x, y, 0xFF000000 | rgb);
      return;
    }
    img.setRGB(x, y, 0xFF000000 | mix(img.getRGB(x, y), rgb, alpha));
  }

  /** Returns the colour {@code t} of the way from {@code from} to {@code to}. */
  static int mix(int from, int to, double t) {
    int r = channel(from >> 16, to >> 16, t);
    int g = channel(from >> 8, to >> 8, t);
    int b = channel(from, to, t);
    return (r << 16) | (g << 8) | b;
  }

  /** Returns the perceived brightness of a colour in [0, 1]. */
  static double luminance(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
  }

  private static int channel(int from, int to, double t) {
    int a = from & 0xFF;
    int b = to & 0xFF;
    return (int) Math.round(a + (b - a) * t);
  }
}
