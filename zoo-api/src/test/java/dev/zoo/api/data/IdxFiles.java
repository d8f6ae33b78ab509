package dev.zoo.api.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
  private IdxFiles() {}

  /** Returns the bytes of an IDX image file; pixel k of image i is {@link #pixel}. */
  static byte[] images(int count, int height, int width) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * height * width);
    b.putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(height).putInt(width);
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < height * width; k++) {
        b.put((byte) pixel(i, k));
      }
    }
    return b.array();
  }

  /** The byte value written for pixel {@code k} of image {@code i}. */
  static int pixel(int i, int k) {
    return (i * 7 + k) % 256;
  }

  /** Returns the bytes of an IDX label file. */
  static byte[] labels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(IdxReader.LABEL_MAGIC).putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** Writes a complete Fashion-MNIST style IDX folder with the given numbers of images. */
  static Path writeDataDir(Path dir, int trainCount, int testCount, boolean gz) throws IOException {
    Files.createDirectories(dir);
    write(dir, "train-images-idx3-ubyte", images(trainCount, 28, 28), gz);
    write(dir, "train-labels-idx1-ubyte", labels(cycle(trainCount)), gz);
    write(dir, "t10k-images-idx3-ubyte", images(testCount, 28, 28), gz);
    write(dir, "t10k-labels-idx1-ubyte", labels(cycle(testCount)), gz);
    return dir;
  }

  private static void write(Path dir, String name, byte[] data, boolean gz) throws IOException {
    if (gz) {
      Files.write(dir.resolve(name + ".gz"), gzip(data));
    } else {
      Files.write(dir.resolve(name), data);
    }
  }

  private static int[] cycle(int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
    }
    return labels;
  }
}
