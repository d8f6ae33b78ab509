package dev.zoo.engine.tensorflow;

import dev.zoo.api.common.EngineException;
import dev.zoo.api.engine.DjlBackend;
import dev.zoo.api.engine.Offers;
import dev.zoo.api.engine.Op;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;

/**
 * TensorFlow 2.16.1 through DJL's {@code tensorflow-engine}: no training and none of the zoo's
 * layers, only interpolation and means over two axes (DJL 0.35.1, as {@link
 * dev.zoo.api.engine.OpProbe} measures).
 *
 * <p>DJL does not find the natives of {@code org.tensorflow:tensorflow-core-native} by itself (it
 * tries to download them), so {@link #prepare()} copies them out of that jar once into {@code
 * ~/.djl.ai/tensorflow-zoo/} (under {@code DJL_CACHE_DIR} when set) and points the system property
 * {@code TENSORFLOW_LIBRARY_PATH} at that folder, after which TensorFlow loads offline.
 */
public final class TensorFlowBackend extends DjlBackend {

  private static final String NATIVE_DIR = "org/tensorflow/internal/c_api/linux-x86_64/";
  private static final List<String> LIBRARIES =
      List.of("libjnitensorflow.so", "libtensorflow_cc.so.2", "libtensorflow_framework.so.2");
  private static final String VERSION = "2.16.1";

  /** Creates the backend; nothing is loaded until {@link #load()}. */
  public TensorFlowBackend() {
    super(
        "tensorflow",
        "TensorFlow",
        "ai.djl.tensorflow.engine.TfEngineProvider",
        NATIVE_DIR + LIBRARIES.get(0),
        3);
  }

  @Override
  public Offers declaredOffers() {
    return new Offers(EnumSet.of(Op.INTERPOLATE, Op.MEAN_TWO_AXES), false);
  }

  @Override
  public synchronized void prepare() {
    if (System.getProperty("TENSORFLOW_LIBRARY_PATH") != null
        || System.getenv("TENSORFLOW_LIBRARY_PATH") != null) {
      return;
    }
    Path dir = cacheDir();
    try {
      if (!Files.exists(dir.resolve(LIBRARIES.get(0)))) {
        extractTo(dir);
      }
    } catch (IOException e) {
      throw new EngineException(
          "Cannot unpack the TensorFlow native libraries into " + dir + ": " + e.getMessage() + ".",
          e);
    }
    System.setProperty("TENSORFLOW_LIBRARY_PATH", dir.toString());
  }

  private static Path cacheDir() {
    String base = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
    Path root = base != null ? Path.of(base) : Path.of(System.getProperty("user.home"), ".djl.ai");
    return root.resolve("tensorflow-zoo").resolve(VERSION + "-cpu-linux-x86_64");
  }

  private void extractTo(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), "unpack");
    try {
      for (String library : LIBRARIES) {
        try (InputStream in = loader().getResourceAsStream(NATIVE_DIR + library)) {
          if (in == null) {
            throw new IOException(library + " is missing from tensorflow-core-native");
          }
          Files.copy(in, tmp.resolve(library), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another process unpacked the same files first; theirs are as good as ours.
        if (!Files.exists(dir.resolve(LIBRARIES.get(0)))) {
          throw e;
        }
      }
    } finally {
      if (Files.exists(tmp)) {
        try (var files = Files.list(tmp)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(file);
          }
        }
        Files.deleteIfExists(tmp);
      }
    }
  }
}
