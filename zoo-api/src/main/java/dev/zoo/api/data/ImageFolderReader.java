package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a folder of class sub-folders of PNG and JPEG images into an {@link ImageSet}. Each
 * sub-folder that holds PNG or JPEG files is one class, named after the sub-folder; classes are
 * sorted by name. Files ending in {@code .png}, {@code .jpg} or {@code .jpeg} (in any case) are
 * read; hidden files and folders and other files are ignored, and sub-folders without such files
 * (an empty folder, one of GIF or WebP files, a {@code __MACOSX} folder of hidden files) are left
 * out and named in the set's {@link ImageSet#source()}. Images are converted to grey and resized to
 * the requested size.
 */
public final class ImageFolderReader {

  /**
   * The most pixels an image file may declare (e.g. 4000x4000): a larger one is refused from its
   * header, before its pixels take memory, since a few bytes of PNG or JPEG can declare gigabytes.
   */
  public static final long MAX_PIXELS = 16_000_000;

  /**
   * The files of a folder of class sub-folders, with each file's class index, and the names of the
   * sub-folders left out because they hold no PNG or JPEG file.
   */
  record Listing(
      Path dir,
      List<String> classNames,
      List<Path> files,
      List<Integer> labels,
      List<String> leftOut) {

    /** A clause naming the left-out sub-folders, e.g. "; left out, holding no PNG or JPEG..." */
    String leftOutNote() {
      return leftOut.isEmpty()
          ? ""
          : "; left out, holding no PNG or JPEG images: " + String.join(", ", leftOut);
    }
  }

  private ImageFolderReader() {}

  /**
   * Reads every image in the class sub-folders of {@code dir}.
   *
   * @param dir a folder holding one sub-folder per class
   * @param height height of the returned images in pixels
   * @param width width of the returned images in pixels
   * @return the images, grey in [0, 1], resized to {@code height x width}
   * @throws InvalidDataException if {@code dir} is not a folder, holds no images in class
   *     sub-folders, or an image cannot be decoded
   */
  public static ImageSet read(Path dir, int height, int width) {
    checkSize(height, width);
    Listing listing = scan(dir);
    return load(listing, height, width)
        .withSource("the image folder " + dir + listing.leftOutNote().replaceFirst(";", ","));
  }

  /**
   * Reads one PNG or JPEG file as a grey image of the given size, as for prediction.
   *
   * @throws InvalidDataException if the file does not exist, is not a PNG or JPEG file, is damaged
   *     or truncated, or declares more than {@link #MAX_PIXELS} pixels
   */
  public static float[] readGrey(Path imageFile, int height, int width) {
    checkSize(height, width);
    return toGrey(ImageDecoder.decode(imageFile), height, width);
  }

  /**
   * Converts an image to luminance (0.299 R + 0.587 G + 0.114 B) in [0, 1] and resizes it to {@code
   * height x width}, averaging areas when shrinking and interpolating bilinearly when enlarging;
   * the aspect ratio is not kept. Grey images keep their stored sample values, and transparent
   * pixels are drawn over black.
   *
   * @return {@code height * width} values, row-major
   */
  public static float[] toGrey(BufferedImage image, int height, int width) {
    checkSize(height, width);
    float[] grey = luminance(image);
    return resize(grey, image.getHeight(), image.getWidth(), height, width);
  }

  /** Lists the class sub-folders of {@code dir} and their image files, sorted by name. */
  static Listing scan(Path dir) {
    if (!Files.exists(dir)) {
      throw new InvalidDataException("Folder " + dir + " does not exist.");
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidDataException("Path " + dir + " is not a folder.");
    }
    List<String> classNames = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (Path classDir : list(dir)) {
      if (!Files.isDirectory(classDir)) {
        continue;
      }
      List<Path> images =
          list(classDir).stream()
              .filter(f -> isImageName(f.getFileName().toString()) && Files.isRegularFile(f))
              .toList();
      String name = classDir.getFileName().toString();
      if (images.isEmpty()) {
        leftOut.add(name + "/");
        continue;
      }
      for (Path file : images) {
        files.add(file);
        labels.add(classNames.size());
      }
      classNames.add(name);
    }
    return new Listing(
        dir,
        List.copyOf(classNames),
        List.copyOf(files),
        List.copyOf(labels),
        List.copyOf(leftOut));
  }

  /** Re-expresses a listing's labels as indices into {@code classNames}, a superset of its own. */
  static Listing relabel(Listing listing, List<String> classNames) {
    List<Integer> labels = new ArrayList<>(listing.labels().size());
    for (int label : listing.labels()) {
      int index = classNames.indexOf(listing.classNames().get(label));
      if (index < 0) {
        throw new IllegalArgumentException("Missing class " + listing.classNames().get(label));
      }
      labels.add(index);
    }
    return new Listing(
        listing.dir(), List.copyOf(classNames), listing.files(), labels, listing.leftOut());
  }

  /** Decodes and resizes every file of a listing. */
  static ImageSet load(Listing listing, int height, int width) {
    if (listing.files().isEmpty()) {
      throw new InvalidDataException(
          "Folder " + listing.dir() + " holds no PNG or JPEG images in class sub-folders.");
    }
    int n = listing.files().size();
    int pixelsPerImage = height * width;
    float[] pixels = new float[Math.multiplyExact(n, pixelsPerImage)];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      float[] image = readGrey(listing.files().get(i), height, width);
      System.arraycopy(image, 0, pixels, i * pixelsPerImage, pixelsPerImage);
      labels[i] = listing.labels().get(i);
    }
    return ImageSet.wrap(pixels, labels, listing.classNames(), height, width);
  }

  /** Returns whether a file name has a PNG or JPEG extension and is not hidden. */
  static boolean isImageName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"));
  }

  /** Lists the non-hidden entries of a folder, sorted by name. */
  private static List<Path> list(Path dir) {
    Map<String, Path> sorted = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(
          p -> {
            String name = p.getFileName().toString();
            if (!name.startsWith(".") && !isHidden(p)) {
              sorted.put(name, p);
            }
          });
    } catch (AccessDeniedException e) {
      throw new InvalidDataException("Folder " + dir + " cannot be read: permission denied.", e);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read folder " + dir + ": " + e.getMessage() + ".", e);
    }
    return new ArrayList<>(sorted.values());
  }

  private static boolean isHidden(Path p) {
    try {
      return Files.isHidden(p);
    } catch (IOException e) {
      return false;
    }
  }

  private static void checkSize(int height, int width) {
    if (height < 1 || width < 1 || (long) height * width > Integer.MAX_VALUE) {
      throw new InvalidDataException(
          String.format("Image size %dx%d is not a usable image size.", height, width));
    }
  }

  private static float[] luminance(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    float[] out = new float[h * w];
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    boolean storedGrey =
        cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
            && cm.getNumColorComponents() == 1
            && raster.getNumBands() == cm.getNumComponents();
    if (storedGrey) {
      float max = (1L << cm.getComponentSize(0)) - 1;
      boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
      float alphaMax = alpha ? (1L << cm.getComponentSize(1)) - 1 : 1f;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float v = raster.getSample(x, y, 0) / max;
          if (alpha) {
            v *= raster.getSample(x, y, 1) / alphaMax;
          }
          out[y * w + x] = clamp(v);
        }
      }
      return out;
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        float a = (argb >>> 24) / 255f;
        float r = (argb >> 16) & 0xff;
        float g = (argb >> 8) & 0xff;
        float b = argb & 0xff;
        out[y * w + x] = clamp((0.299f * r + 0.587f * g + 0.114f * b) / 255f * a);
      }
    }
    return out;
  }

  private static float clamp(float v) {
    return v < 0f ? 0f : v > 1f ? 1f : v;
  }

  /** Resizes a grey image separably: rows first, then columns. */
  static float[] resize(float[] src, int srcH, int srcW, int dstH, int dstW) {
    if (srcH == dstH && srcW == dstW) {
      return src;
    }
    Weights wx = Weights.of(srcW, dstW);
    Weights wy = Weights.of(srcH, dstH);
    float[] rows = new float[srcH * dstW];
    for (int y = 0; y < srcH; y++) {
      wx.apply(src, y * srcW, 1, rows, y * dstW, 1);
    }
    float[] out = new float[dstH * dstW];
    for (int x = 0; x < dstW; x++) {
      wy.apply(rows, x, dstW, out, x, dstW);
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = clamp(out[i]);
    }
    return out;
  }

  /** One-dimensional resampling weights: area averaging when shrinking, bilinear otherwise. */
  private record Weights(int[] start, float[][] weights) {

    static Weights of(int src, int dst) {
      int[] start = new int[dst];
      float[][] weights = new float[dst][];
      double scale = (double) src / dst;
      for (int o = 0; o < dst; o++) {
        if (src >= dst) {
          double lo = o * scale;
          double hi = Math.min(src, (o + 1) * scale);
          int first = (int) Math.floor(lo);
          int last = Math.min(src - 1, (int) Math.ceil(hi) - 1);
          float[] w = new float[last - first + 1];
          for (int i = first; i <= last; i++) {
            double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
            w[i - first] = (float) (overlap / (hi - lo));
          }
          start[o] = first;
          weights[o] = w;
        } else {
          double centre = (o + 0.5) * scale - 0.5;
          centre = Math.max(0, Math.min(src - 1, centre));
          int i0 = (int) Math.floor(centre);
          int i1 = Math.min(src - 1, i0 + 1);
          float frac = (float) (centre - i0);
          start[o] = i0;
          weights[o] = i1 == i0 ? new float[] {1f} : new float[] {1f - frac, frac};
        }
      }
      return new Weights(start, weights);
    }

    void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int stride) {
      for (int o = 0; o < start.length; o++) {
        float[] w = weights[o];
        int base = srcOffset + start[o] * srcStride;
        float sum = 0f;
        for (int k = 0; k < w.length; k++) {
          sum += w[k] * src[base + k * srcStride];
        }
        dst[dstOffset + o * stride] = sum;
      }
    }
  }
}
