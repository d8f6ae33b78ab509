package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one PNG or JPEG file for {@link ImageFolderReader}, refusing in one sentence what cannot
 * be read safely: a missing or unreadable file, another format, a damaged or truncated image, or
 * one that declares more than {@link ImageFolderReader#MAX_PIXELS} pixels (checked from its header
 * before any pixel is decoded). A JPEG is returned as it is shown ({@link JpegPixels}): upright
 * after its EXIF orientation, CMYK converted to RGB. (A PNG's rarely used {@code eXIf} orientation
 * is not read.)
 */
final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * The image in {@code file}.
   *
   * @throws InvalidDataException for a missing, unreadable, foreign, damaged, truncated or too
   *     large image
   */
  static BufferedImage decode(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidDataException("Path " + file + " is a folder, not an image file.");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidDataException("Image file " + file + " does not exist.", e);
    } catch (AccessDeniedException e) {
      throw new InvalidDataException(
          "Image file " + file + " cannot be read: permission denied.", e);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read image " + file + ": " + e.getMessage() + ".", e);
    }
    BufferedImage image;
    try {
      image = decode(bytes, file);
    } catch (InvalidDataException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidDataException(
          "Cannot decode image " + file + ": not a PNG or JPEG file.", e);
    }
    if (image == null) {
      throw new InvalidDataException("Cannot decode image " + file + ": not a PNG or JPEG file.");
    }
    return image;
  }

  private static void checkPixels(long width, long height, Path file) {
    if (width * height > ImageFolderReader.MAX_PIXELS) {
      throw new InvalidDataException(
          String.format(
              "Image file %s declares %dx%d pixels; the zoo reads images of at most %d"
                  + " million pixels.",
              file, width, height, ImageFolderReader.MAX_PIXELS / 1_000_000));
    }
  }

  /**
   * Decodes PNG or JPEG bytes in memory, returning null if they are neither. The size is read from
   * the header first; a reader's warning (such as a JPEG that ends early, which the reader would
   * fill with grey) refuses the image.
   */
  private static BufferedImage decode(byte[] bytes, Path file) throws IOException {
    ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    try {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg")) {
          return null;
        }
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
          checkPixels(reader.getWidth(0), reader.getHeight(0), file);
          image = reader.read(0);
        } catch (InvalidDataException e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          throw new InvalidDataException(
              String.format(
                  "Cannot decode image %s: it is a %s file that is damaged or cut short.",
                  file, format.toUpperCase(Locale.ROOT)),
              e);
        }
        if (!warnings.isEmpty()) {
          throw new InvalidDataException(
              "Cannot decode image " + file + ": it is damaged (" + warnings.get(0) + ").");
        }
        return format.equals("jpeg") ? JpegPixels.shown(image, JpegSegments.of(bytes)) : image;
      } finally {
        reader.dispose();
      }
    } finally {
      in.close();
    }
  }
}
