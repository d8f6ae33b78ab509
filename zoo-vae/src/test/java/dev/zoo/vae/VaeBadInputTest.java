package dev.zoo.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.data.FashionMnist;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of the VAE family is refused with one sentence, and the trained run directory is
 * left exactly as it was.
 */
class VaeBadInputTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Map<String, String> runFiles;
  private static Path goodImage;

  private final VaeFamily family = new VaeFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    DataSplits sample = FashionMnist.embeddedSample();
    data = Fixtures.idxFolder(shared.resolve("data"), sample.train().first(200), sample.test());
    run = shared.resolve("run");
    new VaeFamily()
        .train(new TrainRequest("mlp-vae", run, 1, 50, null, null, false, Map.of()), context(data));
    runFiles = Fixtures.fingerprint(run);
    goodImage = Fixtures.png(shared.resolve("good.png"), sample.test().image(0), 28, 28);
  }

  @AfterEach
  void runIsUntouched() throws IOException {
    assertEquals(runFiles, Fixtures.fingerprint(run));
  }

  private static RunContext context(Path dataDir) {
    return Fixtures.context("pytorch", dataDir, new ByteArrayOutputStream());
  }

  private static TrainRequest request(Path out, Map<String, String> settings) {
    return new TrainRequest(null, out, 1, null, null, 100, false, settings);
  }

  @Test
  void latentDimensionBelowOne() {
    Path out = dir.resolve("out");
    for (String value : List.of("0", "-3")) {
      Fixtures.assertRefused(
          () -> family.train(request(out, Map.of("latent_dim", value)), context(data)),
          "The latent dimension must be at least 1, not " + value + ".");
    }
    assertFalse(Files.exists(out), "nothing is written for a refused request");
    Fixtures.assertRefused(
        () -> VariationalAutoencoder.builder().set("latent_dim", 0).build(),
        "latent dimension must be at least 1");
    Fixtures.assertRefused(
        () ->
            family.train(
                new TrainRequest(null, run, 2, null, null, null, true, Map.of("latent_dim", "0")),
                context(data)),
        "latent dimension");
  }

  @Test
  void holdoutClassThatDoesNotExist() {
    Path out = dir.resolve("out");
    Fixtures.assertRefused(
        () -> family.train(request(out, Map.of("holdout_class", "Hat")), context(data)),
        "There is no class 'Hat' to hold out",
        "T-shirt/top",
        "Ankle boot");
    assertFalse(Files.exists(out));
    Fixtures.assertRefused(
        () ->
            VariationalAutoencoder.builder()
                .set("holdout_class", "Hat")
                .set("epochs", 1)
                .build()
                .fit(
                    FashionMnist.embeddedSample().train().first(10),
                    FashionMnist.embeddedSample().test(),
                    out),
        "no class 'Hat'");
    assertFalse(Files.exists(out));
  }

  @Test
  void betaThatIsNotANonNegativeNumber() {
    Path out = dir.resolve("out");
    Fixtures.assertRefused(
        () -> family.train(request(out, Map.of("beta", "-1")), context(data)),
        "Beta must be a number of at least 0, not -1.0.");
    Fixtures.assertRefused(
        () -> family.train(request(out, Map.of("beta", "lots")), context(data)),
        "'beta' must be a number");
    assertFalse(Files.exists(out));
  }

  @Test
  void imageOfAnotherSize() throws IOException {
    Path big = Fixtures.png(dir.resolve("big.png"), new float[32 * 30], 32, 30);
    List<String> inputs = List.of(goodImage.toString(), big.toString());
    Fixtures.assertRefused(
        () -> family.score(ModelRequest.of(run).withInputs(inputs), context(data)),
        "Image " + big + " is 32x30 pixels but the model takes 28x28 images.");
    Fixtures.assertRefused(
        () -> family.encode(ModelRequest.of(run).withInputs(inputs), context(data)),
        big + " is 32x30");
    try (VariationalAutoencoder vae = VariationalAutoencoder.load(run, "pytorch")) {
      Fixtures.assertRefused(() -> vae.score(new float[100]), "An image of 100 pixels");
      Fixtures.assertRefused(() -> vae.decode(new float[][] {{1, 2, 3}}), "3 values", "has 2");
    }
  }

  @Test
  void imageThatCannotBeDecoded() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
    Path missing = dir.resolve("missing.png");
    Fixtures.assertRefused(
        () ->
            family.score(ModelRequest.of(run).withInputs(List.of(text.toString())), context(data)),
        "Cannot decode image " + text);
    Fixtures.assertRefused(
        () ->
            family.encode(
                ModelRequest.of(run).withInputs(List.of(goodImage.toString(), missing.toString())),
                context(data)),
        missing + " does not exist");
    Fixtures.assertRefused(
        () -> family.score(ModelRequest.of(run).withInputs(List.of()), context(data)),
        "Name at least one PNG or JPEG image");
  }

  /**
   * Options a command does not take are refused, all of them named, before anything is opened or
   * loaded: here even before the checkpoint, which does not exist, is looked for.
   */
  @Test
  void optionsThatDoNotApply() {
    ModelRequest missing =
        ModelRequest.of(dir.resolve("nonexistent")).withInputs(List.of(goodImage.toString()));
    Fixtures.assertRefused(
        () -> family.evaluate(missing.with("count", 3), context(data)),
        "--count does not apply to zoo eval vae.");
    Fixtures.assertRefused(
        () -> family.encode(missing.with("top_k", 3).with("beta", 2), context(data)),
        "--beta, --top-k do not apply to zoo encode vae.");
    Fixtures.assertRefused(
        () -> family.score(missing.with("format", "png"), context(data)),
        "--format does not apply to zoo score vae.");
    Fixtures.assertRefused(
        () -> family.generate(missing.with("holdout_class", "Bag"), context(data)),
        "--holdout-class does not apply to a VAE, which draws images.");
    assertFalse(Files.exists(dir.resolve("nonexistent")));
  }

  @Test
  void checkpointOfAnotherFamily() throws IOException {
    Path cnn = dir.resolve("cnn-run");
    CheckpointInfo vae = Checkpoint.open(run, VaeFamily.NAME).info();
    try (CheckpointWriter writer = CheckpointWriter.begin(cnn.resolve(Checkpoint.DIR))) {
      writer.put("model.params", out -> out.writeUTF("parameters of a classifier"));
      writer.commit(
          new CheckpointInfo(
              vae.format(),
              "cnn",
              "lenet",
              Map.of(),
              vae.inputShape(),
              vae.labels(),
              vae.engine(),
              vae.engineVersion(),
              vae.djlVersion(),
              vae.engineReason(),
              1,
              vae.seed(),
              Map.of(),
              Map.of(),
              Map.of(),
              null,
              vae.provenance()));
    }
    String expected = "holds a cnn model (lenet), not a vae model.";
    Fixtures.assertRefused(() -> family.evaluate(ModelRequest.of(cnn), context(data)), expected);
    Fixtures.assertRefused(
        () ->
            family.score(
                ModelRequest.of(cnn).withInputs(List.of(goodImage.toString())), context(data)),
        expected);
    Fixtures.assertRefused(
        () -> family.generate(ModelRequest.of(cnn).withOut(dir.resolve("g.png")), context(data)),
        expected);
    Fixtures.assertRefused(() -> VariationalAutoencoder.load(cnn), expected);
    Fixtures.assertRefused(
        () ->
            family.train(
                new TrainRequest(null, cnn, 2, null, null, null, true, Map.of()), context(data)),
        expected);
  }

  @Test
  void generateOptionsThatDoNotApply() {
    Path out = dir.resolve("g.png");
    Fixtures.assertRefused(
        () ->
            family.generate(ModelRequest.of(run).with("class", "Bag").withOut(out), context(data)),
        "--class does not apply to a VAE");
    // Every option that does not apply is named, in the order of their names.
    Fixtures.assertRefused(
        () ->
            family.generate(
                ModelRequest.of(run).with("prompt", "hello").with("length", 10).withOut(out),
                context(data)),
        "--length, --prompt do not apply to a VAE");
    Fixtures.assertRefused(
        () -> family.generate(ModelRequest.of(run).withOut(dir), context(data)), "is a folder");
    assertFalse(Files.exists(out));
  }

  /**
   * Resuming a run with nothing left to train is not a mistake (job scripts always pass --resume):
   * the run is complete, it trains nothing and changes nothing (see {@link #runIsUntouched}).
   */
  @Test
  void resumeWithNothingLeftToTrain() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report bySteps =
        family.train(
            new TrainRequest(null, run, null, null, null, null, true, Map.of("steps", "3")),
            Fixtures.context("pytorch", data, log));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Run " + run + " is complete"), text);
    assertTrue(text.contains("it has trained 4 of 3 steps"), text);
    assertEquals(1, bySteps.data().get("epochs"));
    log.reset();
    Report byEpochs =
        family.train(
            new TrainRequest(null, run, 1, null, null, null, true, Map.of()),
            Fixtures.context("pytorch", data, log));
    text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Run " + run + " is complete"), text);
    assertTrue(text.contains("it has trained 4 of 4 steps (1 epochs)"), text);
    assertEquals(1, byEpochs.data().get("epochs"));
  }

  @Test
  void freshRunIntoTheTrainedDirectory() {
    Fixtures.assertRefused(
        () -> family.train(request(run, Map.of()), context(data)), "already holds a checkpoint");
  }
}
