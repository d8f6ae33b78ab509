package dev.zoo.cnn;

import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** Shared data and helpers of the CNN family's tests. */
final class TestData {

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private static DataSplits full;

  private TestData() {}

  /**
   * Fashion-MNIST as the zoo finds it without options (the installed data set, else the embedded
   * sample), read once per test JVM.
   */
  static synchronized DataSplits fashionMnist() {
    if (full == null) {
      full = FashionMnist.locate(null);
    }
    return full;
  }

  /** The embedded sample: 2000 training and 500 test images. */
  static DataSplits sample() {
    return FashionMnist.embeddedSample();
  }

  /** The bytes of an IDX image file holding {@code set}'s images. */
  static byte[] idxImages(ImageSet set) {
    int pixels = set.height() * set.width();
    ByteBuffer b = ByteBuffer.allocate(16 + set.size() * pixels);
    b.putInt(0x00000803).putInt(set.size()).putInt(set.height()).putInt(set.width());
    float[] image = new float[pixels];
    for (int i = 0; i < set.size(); i++) {
      set.copyImage(i, image, 0);
      for (float v : image) {
        b.put((byte) Math.round(v * 255f));
      }
    }
    return b.array();
  }

  /** The bytes of an IDX label file holding {@code set}'s labels. */
  static byte[] idxLabels(ImageSet set) {
    ByteBuffer b = ByteBuffer.allocate(8 + set.size());
    b.putInt(0x00000801).putInt(set.size());
    for (int label : set.labels()) {
      b.put((byte) label);
    }
    return b.array();
  }

  /** Writes {@code train} and {@code test} as a Fashion-MNIST folder of plain IDX files. */
  static Path writeIdxDir(Path dir, ImageSet train, ImageSet test) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(TRAIN_IMAGES), idxImages(train));
    Files.write(dir.resolve(TRAIN_LABELS), idxLabels(train));
    Files.write(dir.resolve(TEST_IMAGES), idxImages(test));
    Files.write(dir.resolve(TEST_LABELS), idxLabels(test));
    return dir;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** Writes a grey image (values in [0, 1], row-major) as an 8-bit grey PNG. */
  static Path writePng(Path file, float[] grey, int height, int width) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, Math.round(grey[y * width + x] * 255f));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("No PNG writer");
    }
    return file;
  }

  /** A run context on {@code engine} with {@code data}, logging into {@code log}. */
  static RunContext context(String engine, Path data, ByteArrayOutputStream log) {
    PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8);
    return RunContext.builder(Zoo.discover())
        .engine(engine)
        .data(data)
        .out(stream)
        .log(stream)
        .build();
  }

  /**
   * Every file under {@code dir} (relative path) with its SHA-256 and modification time, to show
   * that a failed action left a run directory untouched.
   */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(
              dir.relativize(p).toString(),
              sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p).toMillis());
        }
      }
    }
    return files;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a directory tree. */
  static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /**
   * Asserts that {@code action} throws a {@link ZooException} whose message is one sentence on one
   * line containing every fragment.
   */
  static ZooException assertZooError(Executable action, String... fragments) {
    ZooException e = Assertions.assertThrows(ZooException.class, action);
    String message = e.getMessage();
    Assertions.assertNotNull(message);
    Assertions.assertFalse(message.contains("\n"), () -> "multi-line message: " + message);
    Assertions.assertTrue(message.endsWith("."), () -> "not a sentence: " + message);
    for (String fragment : fragments) {
      Assertions.assertTrue(
          message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
    }
    return e;
  }
}
