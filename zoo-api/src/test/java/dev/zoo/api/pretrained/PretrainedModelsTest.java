package dev.zoo.api.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.Sha256;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedModelsTest {

  private static final byte[] PARAMS = "weights".getBytes(StandardCharsets.UTF_8);
  private static final byte[] JSON = "{\"family\":\"cnn\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path jar;
  @TempDir Path cache;

  /** A class-path folder holding one model, whose card gives {@code paramsHash} for its params. */
  private PretrainedModels models(String paramsHash, String fileName) throws IOException {
    Path folder = jar.resolve("dev/zoo/models/data/net");
    Files.createDirectories(folder);
    Files.write(folder.resolve("model.params"), PARAMS);
    Files.write(folder.resolve("model.json"), JSON);
    PretrainedModel card =
        new PretrainedModel(
            "data/net",
            "cnn",
            "simple-cnn",
            "a test model",
            "dev/zoo/models/data/net",
            Map.of(fileName, paramsHash, "model.json", Sha256.of(JSON)),
            10,
            PARAMS.length + JSON.length,
            "none",
            "none",
            1.0,
            "a test",
            Map.of("test accuracy", 0.5),
            "zoo eval cnn --model data/net",
            "none");
    Path index = jar.resolve(PretrainedModels.INDEX);
    Files.createDirectories(index.getParent());
    Files.writeString(index, new Gson().toJson(List.of(card)));
    ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    return PretrainedModels.of(loader, cache);
  }

  @Test
  void unpacksAModelOnceAndChecksItsFiles() throws IOException {
    PretrainedModels models = models(Sha256.of(PARAMS), "model.params");
    assertEquals(List.of("data/net"), models.all().stream().map(PretrainedModel::name).toList());
    assertEquals(0.5, models.find("data/net").quality().get("test accuracy"));
    Path folder = models.checkpoint("data/net", "cnn");
    assertArrayEquals(PARAMS, Files.readAllBytes(folder.resolve("model.params")));
    assertArrayEquals(JSON, Files.readAllBytes(folder.resolve("model.json")));
    assertTrue(folder.startsWith(cache.resolve("models")));
    long modified = Files.getLastModifiedTime(folder.resolve("model.params")).toMillis();
    assertEquals(folder, models.checkpoint("data/net"));
    assertEquals(modified, Files.getLastModifiedTime(folder.resolve("model.params")).toMillis());
  }

  /** An imported model's files may lie at the root of its jar: the card's resource is empty. */
  @Test
  void unpacksFilesFromTheRootOfAJar() throws IOException {
    Files.write(jar.resolve("encoder.onnx"), PARAMS);
    PretrainedModel card =
        new PretrainedModel(
            "imported",
            "transformer",
            "sentence-encoder",
            "a test model",
            "",
            Map.of("encoder.onnx", Sha256.of(PARAMS)),
            10,
            PARAMS.length,
            "none",
            "none",
            0,
            "",
            Map.of("triplet_accuracy", 1.0),
            "zoo eval transformer --model imported",
            "none");
    Path index = jar.resolve(PretrainedModels.INDEX);
    Files.createDirectories(index.getParent());
    Files.writeString(index, new Gson().toJson(List.of(card)));
    PretrainedModels models =
        PretrainedModels.of(new URLClassLoader(new URL[] {jar.toUri().toURL()}, null), cache);
    Path folder = models.checkpoint("imported", "transformer");
    assertArrayEquals(PARAMS, Files.readAllBytes(folder.resolve("encoder.onnx")));
  }

  @Test
  void refusesAFileThatDiffersFromItsCardAndLeavesNothingBehind() throws IOException {
    PretrainedModels models =
        models(Sha256.of("other".getBytes(StandardCharsets.UTF_8)), "model.params");
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> models.checkpoint("data/net"));
    assertTrue(
        e.getMessage().contains("is damaged: its file model.params has SHA-256"), e.getMessage());
    try (Stream<Path> left = Files.walk(cache.resolve("models"))) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().equals("model.params")));
    }
  }

  @Test
  void unpacksAgainWhenTheCachedCopyWasAltered() throws IOException {
    PretrainedModels models = models(Sha256.of(PARAMS), "model.params");
    Path folder = models.checkpoint("data/net");
    Files.writeString(folder.resolve("model.params"), "altered");
    assertEquals(folder, models.checkpoint("data/net"));
    assertArrayEquals(PARAMS, Files.readAllBytes(folder.resolve("model.params")));
  }

  @Test
  void namesTheModelsThereAreForAnUnknownNameAndTheFamilyForAForeignOne() throws IOException {
    PretrainedModels models = models(Sha256.of(PARAMS), "model.params");
    InvalidSettingException unknown =
        assertThrows(InvalidSettingException.class, () -> models.checkpoint("data/other"));
    assertEquals(
        "There is no pretrained model called data/other; there are data/net (zoo models lists"
            + " them).",
        unknown.getMessage());
    InvalidSettingException foreign =
        assertThrows(InvalidSettingException.class, () -> models.checkpoint("data/net", "rnn"));
    assertEquals("data/net is a model of the cnn family, not of rnn.", foreign.getMessage());
  }

  @Test
  void refusesACardThatNamesAFileOutsideItsFolder() throws IOException {
    PretrainedModels models = models(Sha256.of(PARAMS), "../model.params");
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> models.checkpoint("data/net"));
    assertTrue(e.getMessage().contains("names a file outside its folder"), e.getMessage());
  }

  @Test
  void anEmptyClassPathHasNoModels() {
    PretrainedModels none = PretrainedModels.of(new URLClassLoader(new URL[0], null), cache);
    assertTrue(none.all().isEmpty());
    assertThrows(InvalidSettingException.class, () -> none.find("fashion-mnist/simple-cnn"));
  }
}
