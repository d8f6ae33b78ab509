package dev.zoo.api.checkpoint;

import ai.djl.ndarray.types.DataType;
import dev.zoo.api.common.CheckpointException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads the values of one parameter in a parameter file and refuses the file when one of them is
 * NaN or infinite: such a weight makes every answer of the model NaN or meaningless, and a
 * checkpoint from an untrusted source can hold one. Floating-point values are IEEE 754 ({@code
 * FLOAT16}, {@code FLOAT32}, {@code FLOAT64}) or bfloat16; other data types are only skipped.
 */
final class FiniteValues {

  private static final int CHUNK = 1 << 16;

  private FiniteValues() {}

  /**
   * Reads {@code bytes} bytes of {@code type} values from {@code in}, little-endian or big-endian.
   *
   * @param file the parameter file, for the message
   * @param parameter the parameter's name, for the message
   * @throws CheckpointException at the first value that is NaN or infinite
   * @throws IOException when the stream ends before {@code bytes} bytes
   */
  static void check(
      DataInputStream in,
      long bytes,
      DataType type,
      boolean littleEndian,
      Path file,
      String parameter)
      throws IOException {
    int width = type.getNumOfBytes();
    byte[] chunk = new byte[CHUNK];
    long index = 0;
    for (long left = bytes; left > 0; ) {
      int n = (int) Math.min(CHUNK, left);
      in.readFully(chunk, 0, n);
      left -= n;
      ByteBuffer values =
          ByteBuffer.wrap(chunk, 0, n)
              .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
      for (int at = 0; at + width <= n && isFloat(type); at += width, index++) {
        double value = value(values, at, type);
        if (!Double.isFinite(value)) {
          throw new CheckpointException(
              String.format(
                  "Checkpoint file %s holds %s as value %d of parameter %s; a model with weights"
                      + " that are not finite numbers cannot give meaningful answers.",
                  file, Double.isNaN(value) ? "NaN" : value + "", index, parameter));
        }
      }
    }
  }

  private static boolean isFloat(DataType type) {
    return type == DataType.FLOAT16
        || type == DataType.FLOAT32
        || type == DataType.FLOAT64
        || type == DataType.BFLOAT16;
  }

  /** The value at byte {@code at}, or NaN or an infinity where its exponent bits are all ones. */
  private static double value(ByteBuffer values, int at, DataType type) {
    switch (type) {
      case FLOAT32:
        return values.getFloat(at);
      case FLOAT64:
        return values.getDouble(at);
      case FLOAT16:
        return special(values.getShort(at), 0x7c00, 0x03ff);
      default:
        return special(values.getShort(at), 0x7f80, 0x007f);
    }
  }

  /** NaN or an infinity for a 16-bit float whose exponent bits are all set, else 0. */
  private static double special(short bits, int exponent, int mantissa) {
    if ((bits & exponent) != exponent) {
      return 0;
    }
    return (bits & mantissa) != 0
        ? Double.NaN
        : bits < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }
}
