package dev.zoo.gan;

import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import dev.zoo.api.data.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
  static double maxDifference(Images a, Images b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      float[] x = a.pixels().get(i);
      float[] y = b.pixels().get(i);
      for (int p = 0; p < x.length; p++) {
        max = Math.max(max, Math.abs(x[p] - y[p]));
      }
    }
    return max;
  }

  /** The mean absolute difference between two sets of images. */
  static double meanDifference(Images a, Images b) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < a.size(); i++) {
      float[] x = a.pixels().get(i);
      float[] y = b.pixels().get(i);
      for (int p = 0; p < x.length; p++) {
        sum += Math.abs(x[p] - y[p]);
        count++;
      }
    }
    return sum / count;
  }

  /**
   * Every file under {@code dir} by relative path, with a hash of its bytes and its modification
   * time: equal snapshots mean nothing was written.
   */
  static Map<String, List<Long>> snapshot(Path dir) throws IOException {
    Map<String, List<Long>> files = new TreeMap<>();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.filter(Files::isRegularFile).toList();
    }
    for (Path p : all) {
      long hash = Arrays.hashCode(Files.readAllBytes(p));
      files.put(
          dir.relativize(p).toString(), List.of(hash, Files.getLastModifiedTime(p).toMillis()));
    }
    return files;
  }
}
