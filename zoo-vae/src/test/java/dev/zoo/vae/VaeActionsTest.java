package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family's actions as the command line calls them: train, resume, eval, encode, score,
 * generate.
 */
class VaeActionsTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Report trained;
  private static Path shirt;
  private static Path boot;
  private static Path noise;

  private final VaeFamily family = new VaeFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    DataSplits sample = FashionMnist.embeddedSample();
    data = Fixtures.idxFolder(shared.resolve("data"), sample.train().first(800), sample.test());
    run = shared.resolve("run");
    trained =
        new VaeFamily()
            .train(new TrainRequest(null, run, 1, 50, null, null, false, Map.of()), context());
    shirt = Fixtures.png(shared.resolve("shirt.png"), sample.test().image(4), 28, 28);
    boot = Fixtures.png(shared.resolve("boot.png"), sample.test().image(0), 28, 28);
    float[] pixels = new float[28 * 28];
    Random random = new Random(3);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    noise = Fixtures.png(shared.resolve("noise.png"), pixels, 28, 28);
  }

  private static RunContext context() {
    return Fixtures.context("pytorch", data, new ByteArrayOutputStream());
  }

  @Test
  void trainingReportsTheTermsAndWritesTheRun() {
    Map<String, Object> json = trained.data();
    assertEquals("vae/conv-vae", json.get("model"));
    double elbo = (double) json.get("negative_elbo");
    assertEquals(elbo, (double) json.get("reconstruction") + (double) json.get("kl"), 1e-9);
    assertTrue(trained.text().contains("Test negative ELBO"), trained.text());
    assertTrue(Files.isRegularFile(run.resolve("metrics.jsonl")));
    assertTrue(Files.isRegularFile(run.resolve(VaePictures.RECONSTRUCTIONS_PNG)));
  }

  @Test
  void evalRepeatsTheTrainingRunsTestFigures() {
    Report report = family.evaluate(ModelRequest.of(run), context());
    Map<String, Object> json = report.data();
    assertEquals(
        (double) trained.data().get("negative_elbo"), (double) json.get("negative_elbo"), 1e-3);
    assertEquals((double) trained.data().get("kl"), (double) json.get("kl"), 1e-3);
    assertEquals(500, json.get("images"));
    assertTrue(report.text().contains("negative ELBO"), report.text());
  }

  @Test
  void resumeContinuesToTheNextEpoch() throws IOException {
    Path copy = dir.resolve("resumed");
    try (var files = Files.walk(run)) {
      for (Path p : files.toList()) {
        Path target = copy.resolve(run.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    family.train(new TrainRequest(null, copy, 2, null, null, null, true, Map.of()), context());
    assertEquals(2, Checkpoint.open(copy, VaeFamily.NAME).info().epoch());
    assertEquals(2, Files.readAllLines(copy.resolve("metrics.jsonl")).size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void encodeGivesTheLatentMeansOfEachImage() {
    Report report =
        family.encode(
            ModelRequest.of(run).withInputs(List.of(shirt.toString(), boot.toString())), context());
    List<Map<String, Object>> codes = (List<Map<String, Object>>) report.data().get("codes");
    assertEquals(2, codes.size());
    assertEquals(shirt.toString(), codes.get(0).get("file"));
    List<Double> mean = (List<Double>) codes.get(0).get("mean");
    assertEquals(16, mean.size());
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(run, "pytorch")) {
      float[] direct = vae.encode(shirt);
      for (int j = 0; j < direct.length; j++) {
        assertEquals(direct[j], mean.get(j), 1e-5);
      }
    }
    assertTrue(report.text().startsWith(shirt + ": ["), report.text());
  }

  @Test
  @SuppressWarnings("unchecked")
  void scoreRanksHighestFirstWithNoiseOnTop() {
    Report report =
        family.score(
            ModelRequest.of(run)
                .withInputs(List.of(shirt.toString(), noise.toString(), boot.toString())),
            context());
    List<Map<String, Object>> rows = (List<Map<String, Object>>) report.data().get("scores");
    assertEquals(3, rows.size());
    assertEquals(
        noise.toString(), rows.get(0).get("file"), "uniform noise looks least like clothes");
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(
          (double) rows.get(i - 1).get("negative_elbo")
              >= (double) rows.get(i).get("negative_elbo"));
    }
  }

  @Test
  void generateWritesAGridOrOneFilePerSample() throws IOException {
    Path grid = dir.resolve("grid.png");
    ModelRequest request = ModelRequest.of(run).with("count", 9).withOut(grid);
    Report report = family.generate(request, context());
    assertEquals(9, report.data().get("count"));
    BufferedImage image = ImageIO.read(grid.toFile());
    assertTrue(image.getWidth() >= 3 * 28 && image.getHeight() >= 3 * 28);

    Path folder = dir.resolve("singles");
    family.generate(
        ModelRequest.of(run).with("count", 4).with("format", "png").withOut(folder), context());
    try (var files = Files.list(folder)) {
      List<Path> written = files.sorted().toList();
      assertEquals(4, written.size());
      BufferedImage first = ImageIO.read(written.get(0).toFile());
      assertEquals(28, first.getWidth());
      assertEquals(28, first.getHeight());
    }
  }
}
