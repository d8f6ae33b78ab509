package dev.zoo.api.testing;

import ai.djl.repository.zoo.ModelZoo;
import com.google.gson.Gson;
import dev.zoo.api.common.Sha256;
import dev.zoo.api.djl.PretrainedModelZoo;
import dev.zoo.api.djl.PretrainedZooProvider;
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

  /**
   * Makes {@code checkpoint} the only pretrained model DJL's {@code ModelZoo} knows under the group
   * id {@code dev.zoo}, as {@code name}: a models jar in {@code dir/jar}, unpacked into {@code
   * dir/cache}. {@link #restoreDjlZoo()} undoes it.
   */
  public static void serveToDjl(
      Path dir, String name, String family, String variant, Path checkpoint) throws IOException {
    ClassLoader jar = of(dir.resolve("jar"), name, family, variant, checkpoint);
    PretrainedModels models = PretrainedModels.of(jar, dir.resolve("cache"));
    ModelZoo.registerModelZoo(() -> new PretrainedModelZoo(models));
  }

  /** Registers the zoo of the models on the class path with DJL again. */
  public static void restoreDjlZoo() {
    ModelZoo.registerModelZoo(new PretrainedZooProvider());
  }
}
