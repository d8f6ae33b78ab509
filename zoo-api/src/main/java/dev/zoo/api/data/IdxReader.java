package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header followed by one
 * unsigned byte per pixel or label. Gzip-compressed files are recognised by their content, not by
 * their name.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned-byte images (three dimensions). */
  public static final int IMAGE_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned-byte labels (one dimension). */
  public static final int LABEL_MAGIC = 0x00000801;

  private static final int MAX_DIMENSION = 100_000;
  private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
  private static final int INITIAL_CAPACITY = 1 << 22;
  private static final int BUFFER_SIZE = 1 << 16;
  private static final float[] GREY = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      GREY[i] = i / 255f;
    }
  }

  /**
   * Images read from an IDX file.
   *
   * @param count number of images
   * @param height image height in pixels
   * @param width image width in pixels
   * @param pixels {@code count * height * width} grey values in [0, 1], row-major; the array
   *     belongs to the caller
   */
  public record Images(int count, int height, int width, float[] pixels) {}

  private IdxReader() {}

  /**
   * Reads an image file and its label file into an image set.
   *
   * @param images IDX image file, plain or gzip
   * @param labels IDX label file, plain or gzip
   * @param classNames the class names; every label must index into this list
   * @return the labelled images
   * @throws InvalidDataException if a file is missing, malformed or truncated, the counts differ,
   *     or a label has no class name
   */
  public static ImageSet read(Path images, Path labels, List<String> classNames) {
    Objects.requireNonNull(classNames, "classNames");
    Images imageData = readImages(images);
    int[] labelData = readLabels(labels);
    return combine(imageData, images.toString(), labelData, labels.toString(), classNames);
  }

  /**
   * Reads an IDX image file (magic number 0x00000803), plain or gzip.
   *
   * @throws InvalidDataException if the file is missing, is not an IDX image file, declares an
   *     implausible size or is truncated
   */
  public static Images readImages(Path file) {
    String name = file.toString();
    long plainSize = checkFile(file);
    try (InputStream raw = Files.newInputStream(file)) {
      return readImages(raw, name, plainSize);
    } catch (IOException e) {
      throw readFailure(e, name);
    }
  }

  /**
   * Reads an IDX label file (magic number 0x00000801), plain or gzip, returning one value in 0 ..
   * 255 per item.
   *
   * @throws InvalidDataException if the file is missing, is not an IDX label file, declares an
   *     implausible size or is truncated
   */
  public static int[] readLabels(Path file) {
    String name = file.toString();
    long plainSize = checkFile(file);
    try (InputStream raw = Files.newInputStream(file)) {
      return readLabels(raw, name, plainSize);
    } catch (IOException e) {
      throw readFailure(e, name);
    }
  }

  /** Reads an IDX image stream named {@code name} in messages; the caller closes the stream. */
  static Images readImages(InputStream raw, String name) {
    try {
      return readImages(raw, name, -1);
    } catch (IOException e) {
      throw readFailure(e, name);
    }
  }

  /** Reads an IDX label stream named {@code name} in messages; the caller closes the stream. */
  static int[] readLabels(InputStream raw, String name) {
    try {
      return readLabels(raw, name, -1);
    } catch (IOException e) {
      throw readFailure(e, name);
    }
  }

  /** Checks that images and labels agree and wraps them, with the file names for messages. */
  static ImageSet combine(
      Images images, String imagesName, int[] labels, String labelsName, List<String> classNames) {
    if (images.count() != labels.length) {
      throw new InvalidDataException(
          String.format(
              "File %s has %d images but file %s has %d labels.",
              imagesName, images.count(), labelsName, labels.length));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= classNames.size()) {
        throw new InvalidDataException(
            String.format(
                "File %s holds label %d for item %d, but there are only %d classes.",
                labelsName, labels[i], i, classNames.size()));
      }
    }
    return ImageSet.wrap(images.pixels(), labels, classNames, images.height(), images.width());
  }

  /** Returns the size of a plain (non-gzip) file, after checking that it can be opened. */
  private static long checkFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidDataException("Path " + file + " is a folder, not an IDX file.");
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw readFailure(e, file.toString());
    }
  }

  private static Images readImages(InputStream raw, String name, long fileSize) throws IOException {
    Source source = open(raw, fileSize);
    byte[] header = source.in.readNBytes(16);
    checkMagic(header, IMAGE_MAGIC, name, "image");
    if (header.length < 16) {
      throw truncatedHeader(name, 16, header.length);
    }
    ByteBuffer h = ByteBuffer.wrap(header);
    int count = h.getInt(4);
    int height = h.getInt(8);
    int width = h.getInt(12);
    if (count < 0
        || height < 1
        || width < 1
        || height > MAX_DIMENSION
        || width > MAX_DIMENSION
        || (long) count * height * width > MAX_ELEMENTS) {
      throw new InvalidDataException(
          String.format(
              "File %s declares an implausible size of %d images of %dx%d pixels.",
              name, count, height, width));
    }
    int expected = count * height * width;
    if (source.plainSize >= 0 && source.plainSize - 16 < expected) {
      throw truncated(name, expected, source.plainSize - 16, "pixel");
    }
    float[] pixels =
        new float[source.plainSize >= 0 ? expected : Math.min(expected, INITIAL_CAPACITY)];
    byte[] buf = new byte[BUFFER_SIZE];
    int filled = 0;
    while (filled < expected) {
      int n = readSome(source.in, buf, Math.min(buf.length, expected - filled));
      if (n < 0) {
        break;
      }
      if (filled + n > pixels.length) {
        pixels = Arrays.copyOf(pixels, grow(pixels.length, filled + n, expected));
      }
      for (int k = 0; k < n; k++) {
        pixels[filled + k] = GREY[buf[k] & 0xff];
      }
      filled += n;
    }
    if (filled < expected) {
      throw truncated(name, expected, filled, "pixel");
    }
    return new Images(count, height, width, pixels);
  }

  private static int[] readLabels(InputStream raw, String name, long fileSize) throws IOException {
    Source source = open(raw, fileSize);
    byte[] header = source.in.readNBytes(8);
    checkMagic(header, LABEL_MAGIC, name, "label");
    if (header.length < 8) {
      throw truncatedHeader(name, 8, header.length);
    }
    int count = ByteBuffer.wrap(header).getInt(4);
    if (count < 0 || count > MAX_ELEMENTS) {
      throw new InvalidDataException(
          String.format("File %s declares an implausible count of %d labels.", name, count));
    }
    if (source.plainSize >= 0 && source.plainSize - 8 < count) {
      throw truncated(name, count, source.plainSize - 8, "label");
    }
    int[] labels = new int[source.plainSize >= 0 ? count : Math.min(count, INITIAL_CAPACITY)];
    byte[] buf = new byte[BUFFER_SIZE];
    int filled = 0;
    while (filled < count) {
      int n = readSome(source.in, buf, Math.min(buf.length, count - filled));
      if (n < 0) {
        break;
      }
      if (filled + n > labels.length) {
        labels = Arrays.copyOf(labels, grow(labels.length, filled + n, count));
      }
      for (int k = 0; k < n; k++) {
        labels[filled + k] = buf[k] & 0xff;
      }
      filled += n;
    }
    if (filled < count) {
      throw truncated(name, count, filled, "label");
    }
    return labels;
  }

  /** A decoded input stream and, for an uncompressed file of known size, that size. */
  private record Source(InputStream in, long plainSize) {}

  private static Source open(InputStream raw, long fileSize) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER_SIZE);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new Source(new GZIPInputStream(in, BUFFER_SIZE), -1);
    }
    return new Source(in, fileSize);
  }

  /** Reads up to {@code len} bytes, returning -1 at the end of the data or of a cut-off stream. */
  private static int readSome(InputStream in, byte[] buf, int len) throws IOException {
    try {
      return in.read(buf, 0, len);
    } catch (EOFException e) {
      return -1;
    }
  }

  private static int grow(int current, int needed, int max) {
    long doubled = Math.max((long) current * 2, needed);
    return (int) Math.min(doubled, max);
  }

  private static void checkMagic(byte[] header, int magic, String name, String kind) {
    if (header.length == 0) {
      throw new InvalidDataException("File " + name + " is empty.");
    }
    if (header.length < 4) {
      throw truncatedHeader(name, magic == IMAGE_MAGIC ? 16 : 8, header.length);
    }
    int found = ByteBuffer.wrap(header).getInt(0);
    if (found != magic) {
      throw new InvalidDataException(
          String.format("File %s is not an IDX %s file (magic number 0x%08x).", name, kind, found));
    }
  }

  private static InvalidDataException truncatedHeader(String name, int expected, int found) {
    return new InvalidDataException(
        String.format(
            "File %s is truncated: expected a %d-byte IDX header, found %d bytes.",
            name, expected, found));
  }

  private static InvalidDataException truncated(
      String name, long expected, long found, String what) {
    return new InvalidDataException(
        String.format(
            "File %s is truncated: expected %d %s bytes, found %d.", name, expected, what, found));
  }

  private static InvalidDataException readFailure(IOException e, String name) {
    if (e instanceof NoSuchFileException) {
      return new InvalidDataException("File " + name + " does not exist.", e);
    }
    if (e instanceof AccessDeniedException) {
      return new InvalidDataException("File " + name + " cannot be read: permission denied.", e);
    }
    if (e instanceof ZipException) {
      return new InvalidDataException(
          "File " + name + " is a damaged gzip file (" + e.getMessage() + ").", e);
    }
    if (e instanceof EOFException) {
      return new InvalidDataException("File " + name + " is truncated in its gzip header.", e);
    }
    return new InvalidDataException("Cannot read file " + name + ": " + e.getMessage() + ".", e);
  }
}
