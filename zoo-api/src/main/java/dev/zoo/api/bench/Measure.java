package dev.zoo.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Small measurement helpers for benchmarks: peak memory, throughput and latency. */
public final class Measure {

  private Measure() {}

  /**
   * The peak resident set size of this process in megabytes (VmHWM from /proc), or -1 where the
   * system does not report it.
   */
  public static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** How many of {@code count} examples per second {@code work} handles: count over its time. */
  public static double perSecond(int count, Runnable work) {
    long start = System.nanoTime();
    work.run();
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * The median time in milliseconds of {@code runs} calls of {@code call}, run {@code i} on {@code
   * input.apply(i)}, which is prepared before the clock starts.
   */
  public static <T> double medianMillis(int runs, IntFunction<T> input, Consumer<T> call) {
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      T x = input.apply(i);
      long start = System.nanoTime();
      call.accept(x);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return median(millis);
  }

  /** The median of {@code values} (which it sorts). */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
