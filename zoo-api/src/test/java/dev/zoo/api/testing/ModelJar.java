package dev.zoo.api.testing;

import com.google.gson.Gson;
import dev.zoo.api.common.Sha256;
import dev.zoo.api.pretrained.PretrainedModel;
import dev.zoo.api.pretrained.PretrainedModels;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A stand-in for a jar of pretrained models: a folder holding one checkpoint as class-path
 * resources and the index {@value PretrainedModels#INDEX} listing it, and a class loader over it.
 */
public final class ModelJar {

  private ModelJar() {}

  /**
   * Copies the files of {@code checkpoint} into {@code folder} as the model {@code name} of {@code
   * family}'s {@code variant}, each with its SHA-256 in the index.
   *
   * @return a class loader that sees only the folder
   */
  public static ClassLoader of(
      Path folder, String name, String family, String variant, Path checkpoint) throws IOException {
    String resource = "dev/zoo/models/" + name;
    Path target = folder.resolve(resource);
    Files.createDirectories(target);
    Map<String, String> files = new TreeMap<>();
    long bytes = 0;
    try (Stream<Path> list = Files.list(checkpoint)) {
      for (Path file : list.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(file);
        Files.write(target.resolve(file.getFileName().toString()), content);
        files.put(file.getFileName().toString(), Sha256.of(content));
        bytes += content.length;
      }
    }
    PretrainedModel card =
        new PretrainedModel(
            name,
            family,
            variant,
            "a model for tests",
            resource,
            files,
            -1,
            bytes,
            "none",
            "none",
            0,
            "a test",
            Map.of(),
            "none",
            "none");
    Path index = folder.resolve(PretrainedModels.INDEX);
    Files.createDirectories(index.getParent());
    Files.writeString(index, new Gson().toJson(List.of(card)));
    return new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
  }
}
