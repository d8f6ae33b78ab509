package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.Zoo;
import dev.zoo.api.data.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo generate gan}: grids, single files, seeds and classes. */
class GenerateTest {

  @TempDir static Path models;
  @TempDir Path tmp;

  static Path dcgan;
  static Path cdcgan;

  @BeforeAll
  static void trainTinyModels() {
    dcgan = TinyModels.train(models.resolve("dcgan"), "dcgan");
    cdcgan = TinyModels.train(models.resolve("cdcgan"), "cdcgan");
  }

  @Test
  void gridIsRepeatableWithTheSameSeed() throws IOException {
    Path a = tmp.resolve("a.png");
    Path b = tmp.resolve("b.png");
    Path c = tmp.resolve("c.png");
    generate(ModelRequest.of(dcgan).with("count", 10).withOut(a), 7);
    generate(ModelRequest.of(dcgan).with("count", 10).withOut(b), 7);
    generate(ModelRequest.of(dcgan).with("count", 10).withOut(c), 8);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    assertTrue(ImageIO.read(a.toFile()).getWidth() > 28 * 3 * 8);
  }

  @Test
  void singleFilesAreOnePerImageAtTheModelsSize() throws IOException {
    Path dir = tmp.resolve("synthetic");
    Report report =
        generate(ModelRequest.of(dcgan).with("count", 5).with("format", "png").withOut(dir), 1);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> pngs = files.sorted().toList();
      assertEquals(5, pngs.size());
      assertEquals(28, ImageIO.read(pngs.get(0).toFile()).getWidth());
      assertEquals(28, ImageIO.read(pngs.get(0).toFile()).getHeight());
    }
    assertEquals(5, ((List<?>) report.data().get("files")).size());
  }

  @Test
  void conditionalModelDrawsTheRequestedClassAndCount() {
    Path dir = tmp.resolve("sneakers");
    Report byName =
        generate(
            ModelRequest.of(cdcgan)
                .with("count", 7)
                .with("format", "png")
                .with("class", "Sneaker")
                .withOut(dir),
            3);
    assertEquals(7, ((List<?>) byName.data().get("files")).size());
    assertEquals("Sneaker", byName.data().get("class"));
    Report byIndex =
        generate(
            ModelRequest.of(cdcgan)
                .with("count", 4)
                .withOut(tmp.resolve("g.png"))
                .with("class", "7"),
            3);
    assertEquals("Sneaker", byIndex.data().get("class"));
    assertEquals(4, byIndex.data().get("count"));
  }

  @Test
  void conditionalModelFollowsItsClassInput() {
    try (ImageGenerator gan = ImageGenerator.load(cdcgan, "pytorch")) {
      Images sneakers = gan.sample(6, 2, 7);
      Images trousers = gan.sample(6, 2, 1);
      assertEquals(6, sneakers.size());
      assertTrue(GanTestSupport.maxDifference(sneakers, trousers) > 1e-3);
    }
  }

  private static Report generate(ModelRequest request, long seed) {
    RunContext context =
        RunContext.builder(Zoo.discover())
            .engine("pytorch")
            .seed(seed)
            .log(new java.io.PrintStream(new ByteArrayOutputStream()))
            .build();
    return new GanFamily().generate(request, context);
  }
}
