package dev.zoo.api.fuzz;

import java.util.Arrays;

/**
 * A fuzz input read from the front: single bytes choose a case, two-byte big-endian lengths cut out
 * chunks, and the rest is content. Reading past the end gives zeros and empty chunks, so every byte
 * string is a valid input and the seed files stay easy to write by hand.
 */
final class FuzzInput {
  private final byte[] data;
  private int pos;

  FuzzInput(byte[] data) {
    this.data = data;
  }

  /** The next byte as 0..255, or 0 at the end. */
  int u8() {
    return pos < data.length ? data[pos++] & 0xff : 0;
  }

  /** The next two bytes as a big-endian 0..65535. */
  int u16() {
    return u8() << 8 | u8();
  }

  /** Up to {@code n} next bytes. */
  byte[] bytes(int n) {
    int end = (int) Math.min(data.length, (long) pos + n);
    byte[] out = Arrays.copyOfRange(data, Math.min(pos, end), end);
    pos = end;
    return out;
  }

  /** A chunk: a two-byte length, then up to that many bytes. */
  byte[] chunk() {
    return bytes(u16());
  }

  /** Everything not read yet. */
  byte[] rest() {
    return bytes(data.length);
  }
}
