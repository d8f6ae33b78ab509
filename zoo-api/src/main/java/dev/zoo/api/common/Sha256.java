package dev.zoo.api.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Builds a SHA-256 over numbers and strings, for fingerprints of data read into memory. */
public final class Sha256 {

  private final MessageDigest digest;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

  private Sha256() {
    digest = newDigest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256.", e);
    }
  }

  /**
   * The SHA-256 of everything {@code in} gives until its end, as 64 lower-case hexadecimal digits;
   * the stream is read but not closed.
   *
   * @throws IOException when reading fails
   */
  public static String of(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] chunk = new byte[1 << 16];
    for (int n; (n = in.read(chunk)) > 0; ) {
      digest.update(chunk, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of {@code bytes}, as 64 lower-case hexadecimal digits. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** A new, empty hash. */
  public static Sha256 hasher() {
    return new Sha256();
  }

  /** Adds the values' IEEE 754 bits, big-endian. */
  public Sha256 put(float[] values) {
    for (int from = 0; from < values.length; ) {
      int n = Math.min(room(4).remaining() / 4, values.length - from);
      buffer.asFloatBuffer().put(values, from, n);
      buffer.position(buffer.position() + 4 * n);
      from += n;
    }
    return this;
  }

  /** Adds the values, big-endian. */
  public Sha256 put(int[] values) {
    for (int from = 0; from < values.length; ) {
      int n = Math.min(room(4).remaining() / 4, values.length - from);
      buffer.asIntBuffer().put(values, from, n);
      buffer.position(buffer.position() + 4 * n);
      from += n;
    }
    return this;
  }

  /** Adds the values' IEEE 754 bits (every NaN as the canonical one), big-endian. */
  public Sha256 put(double[] values) {
    for (double v : values) {
      room(8).putLong(Double.doubleToLongBits(v));
    }
    return this;
  }

  /** Adds each column's name, then its values: see {@link #put(String)}, {@link #put(double[])}. */
  public Sha256 putColumns(List<String> names, List<double[]> columns) {
    for (int c = 0; c < columns.size(); c++) {
      put(names.get(c)).put(columns.get(c));
    }
    return this;
  }

  /** Adds the string as UTF-8, preceded by its length. */
  public Sha256 put(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    room(4).putInt(bytes.length);
    flush();
    digest.update(bytes);
    return this;
  }

  /** The hash as 64 lower-case hexadecimal digits. */
  public String hex() {
    flush();
    return HexFormat.of().formatHex(digest.digest());
  }

  private ByteBuffer room(int bytes) {
    if (buffer.remaining() < bytes) {
      flush();
    }
    return buffer;
  }

  private void flush() {
    buffer.flip();
    digest.update(buffer);
    buffer.clear();
  }
}
