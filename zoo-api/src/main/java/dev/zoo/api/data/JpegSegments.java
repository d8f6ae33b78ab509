package dev.zoo.api.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What the marker segments before a JPEG's image data say about reading its pixels, which the JDK's
 * JPEG reader ignores: the EXIF orientation (tag 0x0112 of the first image file directory in the
 * APP1 {@code Exif} segment; TIFF 6.0 and EXIF 2.32, CIPA DC-008) and whether an Adobe APP14
 * segment is present (Adobe Technical Note 5116), whose CMYK samples are stored inverted. Damaged
 * or hostile segments are ignored: the orientation is then 1 (as stored).
 *
 * @param orientation 1 to 8: 1 as stored, 3 turned 180 degrees, 6 to be turned 90 degrees
 *     clockwise, 8 90 degrees anticlockwise; 2, 4, 5, 7 the same mirrored
 * @param adobe whether an Adobe APP14 segment is present
 */
record JpegSegments(int orientation, boolean adobe) {

  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
  private static final int ORIENTATION_TAG = 0x0112;

  /** Reads the segments of {@code jpeg} from its start to its first scan. */
  static JpegSegments of(byte[] jpeg) {
    int orientation = 1;
    boolean adobe = false;
    int at = 2;
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
      int marker = jpeg[at + 1] & 0xff;
      if (marker == 0xff) {
        at++;
        continue;
      }
      if (marker == 0xda || marker == 0xd9) {
        break;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2;
        continue;
      }
      int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
      int start = at + 4;
      int end = at + 2 + length;
      if (length < 2 || end > jpeg.length) {
        break;
      }
      if (marker == 0xe1 && startsWith(jpeg, start, end, EXIF)) {
        orientation = exifOrientation(ByteBuffer.wrap(jpeg, 0, end), start + EXIF.length);
      } else if (marker == 0xee && startsWith(jpeg, start, end, ADOBE)) {
        adobe = true;
      }
      at = end;
    }
    return new JpegSegments(orientation, adobe);
  }

  private static boolean startsWith(byte[] data, int start, int end, byte[] prefix) {
    if (end - start < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[start + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The orientation in the TIFF structure starting at {@code tiff}, or 1 where there is none. */
  private static int exifOrientation(ByteBuffer data, int tiff) {
    try {
      char order = (char) data.get(tiff);
      data.order(order == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
      long ifd = tiff + Integer.toUnsignedLong(data.getInt(tiff + 4));
      int entries = data.getShort((int) ifd) & 0xffff;
      for (int i = 0; i < entries; i++) {
        int entry = (int) ifd + 2 + 12 * i;
        if ((data.getShort(entry) & 0xffff) == ORIENTATION_TAG) {
          int value = data.getShort(entry + 8) & 0xffff;
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
    } catch (IndexOutOfBoundsException e) {
      return 1;
    }
    return 1;
  }
}
