package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;

/** Data files, contexts and assertions shared by the VAE family's tests. */
final class Fixtures {

  private Fixtures() {}

  /** Writes {@code train} and {@code test} as the four IDX files of a Fashion-MNIST folder. */
  static Path idxFolder(Path dir, ImageSet train, ImageSet test) throws IOException {
    Files.createDirectories(dir);
    writeIdx(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), train);
    writeIdx(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), test);
    return dir;
  }

  private static void writeIdx(Path images, Path labels, ImageSet set) throws IOException {
    try (OutputStream file = Files.newOutputStream(images);
        DataOutputStream out = new DataOutputStream(file)) {
      out.writeInt(0x803);
      out.writeInt(set.size());
      out.writeInt(set.height());
      out.writeInt(set.width());
      for (int i = 0; i < set.size(); i++) {
        for (float v : set.image(i)) {
          out.write(Math.round(v * 255));
        }
      }
    }
    try (OutputStream file = Files.newOutputStream(labels);
        DataOutputStream out = new DataOutputStream(file)) {
      out.writeInt(0x801);
      out.writeInt(set.size());
      for (int label : set.labels()) {
        out.write(label);
      }
    }
  }

  /** Writes grey pixels in [0, 1] as an 8-bit PNG of {@code height x width}. */
  static Path png(Path file, float[] grey, int height, int width) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    int[] samples = new int[grey.length];
    Arrays.setAll(samples, i -> Math.round(grey[i] * 255));
    image.getRaster().setPixels(0, 0, width, height, samples);
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  /** A context on {@code engine} reading {@code data}, printing into {@code sink}. */
  static RunContext context(String engine, Path data, ByteArrayOutputStream sink) {
    PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return RunContext.builder(Zoo.discover())
        .engine(engine)
        .data(data)
        .out(print)
        .log(print)
        .build();
  }

  /** Every file under {@code dir} with its content and modification time. */
  static Map<String, String> fingerprint(Path dir) throws IOException {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        result.put(
            dir.relativize(p).toString(),
            Arrays.hashCode(Files.readAllBytes(p)) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return result;
  }

  /** Asserts a refusal: a ZooException of one line ending in a full stop, with each fragment. */
  static void assertRefused(Executable action, String... fragments) {
    String message = assertThrows(ZooException.class, action).getMessage();
    assertTrue(message.endsWith(".") && !message.contains("\n"), "not one sentence: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "'" + fragment + "' not in: " + message);
    }
  }

  /** Asserts that two code arrays agree value by value within {@code tolerance}. */
  static void assertCodes(float[][] expected, float[][] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], actual[i][j], tolerance, "code " + i + ", value " + j);
      }
    }
  }
}
