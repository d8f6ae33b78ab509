package dev.zoo.api.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import dev.zoo.api.testing.ModelJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zoo as DJL sees it, without any family on the class path. */
class PretrainedModelZooTest {

  @TempDir Path jar;

  @AfterEach
  void restoreTheClassPathZoo() {
    ModelJar.restoreDjlZoo();
  }

  @Test
  void djlFindsTheZooThroughItsServiceLoader() {
    ModelZoo zoo = ModelZoo.getModelZoo("dev.zoo");
    assertInstanceOf(PretrainedModelZoo.class, zoo);
    assertEquals("dev.zoo", zoo.getGroupId());
    assertTrue(zoo.getModelLoaders().isEmpty(), "no models jar is on zoo-api's class path");
  }

  @Test
  void anUnknownArtifactIsNotFound() {
    Criteria<Image, Classifications> criteria =
        Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optGroupId("dev.zoo")
            .optArtifactId("fashion-mnist/no-such-net")
            .build();
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class, criteria::loadModel);
    assertEquals("No model matching the criteria is found.", e.getMessage());
  }

  @Test
  void aModelWhoseFamilyIsAbsentIsNotFoundWithTheReason() throws IOException {
    Path checkpoint = Files.createDirectories(jar.resolve("source"));
    Files.writeString(checkpoint.resolve("model.json"), "{}");
    ModelJar.serveToDjl(jar, "data/net", "cnn", "lenet", checkpoint);
    assertEquals(
        List.of("data/net"),
        ModelZoo.getModelZoo("dev.zoo").getModelLoaders().stream()
            .map(l -> l.getArtifactId())
            .toList());
    Criteria<Image, Classifications> criteria =
        Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optArtifactId("dev.zoo:data/net")
            .build();
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class, criteria::loadModel);
    assertEquals(
        "The pretrained model data/net needs the cnn family on the class path, which is not"
            + " there.",
        e.getCause().getMessage());
  }
}
