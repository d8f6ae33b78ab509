package dev.zoo.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ONNX's own checker ({@code onnx.checker.check_model} with {@code full_check}, which also
 * infers every shape) on a file, through Debian's {@code python3-onnx}. A machine without it fails
 * the test with what to install: the check is not skipped.
 */
public final class OnnxChecker {

  private static final String SCRIPT =
      "import sys, onnx\n"
          + "m = onnx.load(sys.argv[1])\n"
          + "onnx.checker.check_model(m, full_check=True)\n"
          + "print('ok', m.opset_import[0].version, len(m.graph.node))\n";

  private OnnxChecker() {}

  /** Asserts that ONNX's checker accepts {@code file}; returns what it printed. */
  public static String check(Path file) throws IOException, InterruptedException {
    String python = python();
    Process p =
        new ProcessBuilder(python, "-c", SCRIPT, file.toString()).redirectErrorStream(true).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("ONNX's checker did not finish within 120 s on " + file);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "ONNX's checker refused " + file + ":\n" + out);
    return out.trim();
  }

  /** The largest absolute difference of two equally long arrays (asserted). */
  public static double largestDifference(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, "the outputs differ in size");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    return worst;
  }

  /** A Python that imports {@code onnx}: Debian's first, then the one on the path. */
  private static String python() throws IOException, InterruptedException {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p =
            new ProcessBuilder(candidate, "-c", "import onnx").redirectErrorStream(true).start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // try the next one
      }
    }
    return fail(
        "ONNX's Python package is missing: install python3-onnx (apt-get install python3-onnx),"
            + " which .ci/run installs.");
  }
}
