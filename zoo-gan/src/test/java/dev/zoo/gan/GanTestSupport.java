package dev.zoo.gan;

import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared data and helpers of the GAN family's tests. */
final class GanTestSupport {

  private static ImageSet sample;

  private GanTestSupport() {}

  /** The first {@code n} training images of the embedded Fashion-MNIST sample. */
  static synchronized ImageSet images(int n) {
    if (sample == null) {
      sample = FashionMnist.embeddedSample().train();
    }
    return sample.first(n);
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

  /** The largest absolute difference between two sets of images. */
  static double maxDifference(float[][] a, float[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int p = 0; p < a[i].length; p++) {
        max = Math.max(max, Math.abs(a[i][p] - b[i][p]));
      }
    }
    return max;
  }

  /** The mean absolute difference between two sets of images. */
  static double meanDifference(float[][] a, float[][] b) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < a.length; i++) {
      for (int p = 0; p < a[i].length; p++) {
        sum += Math.abs(a[i][p] - b[i][p]);
        count++;
      }
    }
    return sum / count;
  }

  /** Every file under {@code dir} with its SHA-256 and modification time. */
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
