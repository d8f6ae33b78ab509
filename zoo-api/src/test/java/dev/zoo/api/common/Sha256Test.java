package dev.zoo.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints equal the SHA-256 of the values' big-endian bytes, however long the arrays. */
class Sha256Test {

  @Test
  void floatsAndIntsHashAsTheirBigEndianBytes() throws Exception {
    float[] floats = new float[50_000];
    int[] ints = new int[20_001];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) Math.sin(i);
    }
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i * 7919;
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 * (floats.length + ints.length));
    bytes.asFloatBuffer().put(floats);
    bytes.position(4 * floats.length);
    bytes.asIntBuffer().put(ints);
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));

    assertEquals(expected, Sha256.hasher().put(floats).put(ints).hex());
    floats[49_999] += 1e-3f;
    assertNotEquals(expected, Sha256.hasher().put(floats).put(ints).hex());
  }

  @Test
  void doublesHashAsTheHighThenLowHalvesOfTheirBits() {
    double[] values = new double[10_001];
    int[] halves = new int[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.cos(i) * 1e3;
      long bits = Double.doubleToLongBits(values[i]);
      halves[2 * i] = (int) (bits >>> 32);
      halves[2 * i + 1] = (int) bits;
    }
    String expected = Sha256.hasher().put("name").put(halves).hex();
    assertEquals(expected, Sha256.hasher().put("name").put(values).hex());
    assertEquals(expected, Sha256.hasher().putColumns(List.of("name"), List.of(values)).hex());
  }
}
