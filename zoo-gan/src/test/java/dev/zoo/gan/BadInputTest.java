package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ImageSampling;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageFolderReader;
import dev.zoo.api.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: one sentence, and nothing written or overwritten. */
class BadInputTest {

  @TempDir static Path models;
  @TempDir Path tmp;

  static Path dcgan;
  static Path cdcgan;

  private final GanFamily family = new GanFamily();

  @BeforeAll
  static void trainTinyModels() {
    dcgan = TinyModels.train(models.resolve("dcgan"), "dcgan");
    cdcgan = TinyModels.train(models.resolve("cdcgan"), "cdcgan");
  }

  @Test
  void imagesOfAnotherSizeAreRefusedBeforeAnythingIsWritten() {
    ImageSet big = ImageSet.of(new float[4 * 32 * 32], new int[4], List.of("a"), 32, 32);
    Path run = tmp.resolve("run");
    try (ImageGenerator gan = ImageGenerator.builder().engine("pytorch").build()) {
      String message = refused(() -> gan.fit(big, null, run));
      assertEquals("The training images are 32x32 but the model takes 28x28.", message);
    }
    assertFalse(Files.exists(run));
  }

  @Test
  void resumingOnImagesOfAnotherSizeLeavesTheRunUntouched() throws IOException {
    Path run = copy(dcgan, tmp.resolve("resume"));
    Map<String, List<Long>> before = GanTestSupport.snapshot(run);
    Path data = writeIdx(tmp.resolve("big"), 32);
    RunContext context = GanTestSupport.context("pytorch", data, new ByteArrayOutputStream());
    TrainRequest resume = new TrainRequest(null, run, 2, null, null, null, true, Map.of());
    String message = refused(() -> family.train(resume, context));
    assertTrue(message.contains("32x32") && message.contains("28x28"), message);
    assertEquals(before, GanTestSupport.snapshot(run));
  }

  @Test
  void resumingACompleteRunTrainsNothingAndChangesNothing() throws IOException {
    // Not a mistake (job scripts always pass --resume): the run says it is complete.
    Path run = copy(dcgan, tmp.resolve("complete"));
    Map<String, List<Long>> before = GanTestSupport.snapshot(run);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunContext context = GanTestSupport.context("pytorch", null, log);
    TrainRequest resume = new TrainRequest(null, run, 1, null, null, 128, true, Map.of());
    Report report = family.train(resume, context);
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Run " + run + " is complete"), printed);
    assertEquals(1, report.data().get("epochs"));
    assertEquals(before, GanTestSupport.snapshot(run));
  }

  @Test
  void sidesThatTheNetworksCannotDrawAreRefused() {
    String message =
        refused(() -> ImageGenerator.builder().engine("pytorch").imageSize(30, 30).build());
    assertTrue(message.contains("30x30"), message);
  }

  @Test
  void anEmptyDataFolderIsRefused() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    RunContext context = GanTestSupport.context("pytorch", empty, new ByteArrayOutputStream());
    Path run = tmp.resolve("run");
    String message = refused(() -> family.train(TrainRequest.defaults(run), context));
    assertTrue(message.contains(empty.toString()), message);
    assertFalse(Files.exists(run));
    assertThrows(ZooException.class, () -> ImageFolderReader.read(empty, 28, 28));
    ImageSet none = ImageSet.of(new float[0], new int[0], FashionMnist.CLASS_NAMES, 28, 28);
    try (ImageGenerator gan = ImageGenerator.builder().engine("pytorch").build()) {
      assertEquals("The training data holds no images.", refused(() -> gan.fit(none, null, run)));
    }
  }

  @Test
  void aCheckpointOfAnotherFamilyIsRefused() {
    Path foreign = tmp.resolve("foreign");
    try (CheckpointWriter writer = CheckpointWriter.begin(foreign)) {
      writer.put("model.params", out -> out.writeInt(1));
      writer.commit(
          new CheckpointInfo(
              "zoo-checkpoint/1",
              "cnn",
              "simple-cnn",
              Map.of(),
              List.of(1, 28, 28),
              List.of(),
              "pytorch",
              "",
              "",
              "",
              1,
              42,
              Map.of(),
              Map.of(),
              Map.of(),
              null,
              null));
    }
    Path out = tmp.resolve("x.png");
    String message =
        refused(() -> generate(ModelRequest.of(foreign).with("count", 4).withOut(out)));
    assertTrue(message.contains("holds a cnn model"), message);
    assertTrue(
        refused(() -> ImageGenerator.load(foreign)).contains("not a gan model"), "load refuses");
    assertFalse(Files.exists(out));
  }

  @Test
  void resumingWithAnotherVariantIsRefused() throws IOException {
    Path run = copy(dcgan, tmp.resolve("variant"));
    Map<String, List<Long>> before = GanTestSupport.snapshot(run);
    RunContext context = GanTestSupport.context("pytorch", null, new ByteArrayOutputStream());
    TrainRequest request = new TrainRequest("mlp-gan", run, 2, null, null, 64, true, Map.of());
    String message = refused(() -> family.train(request, context));
    assertTrue(message.contains("holds a dcgan model, not mlp-gan"), message);
    assertEquals(before, GanTestSupport.snapshot(run));
  }

  @Test
  void aClassForAnUnconditionalModelIsRefused() {
    Path out = tmp.resolve("x.png");
    String message =
        refused(
            () ->
                generate(
                    ModelRequest.of(dcgan).with("count", 4).withOut(out).with("class", "Bag")));
    assertTrue(message.contains("--class needs a cdcgan model"), message);
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnknownClassIsRefused() {
    Path out = tmp.resolve("x.png");
    for (String label : new String[] {"Hat", "10", "-1"}) {
      String message =
          refused(
              () ->
                  generate(
                      ModelRequest.of(cdcgan).with("count", 4).withOut(out).with("class", label)));
      assertTrue(message.startsWith("Unknown class '" + label + "'"), message);
    }
    assertFalse(Files.exists(out));
  }

  @Test
  void aZeroOrNegativeCountIsRefused() {
    Path out = tmp.resolve("x.png");
    for (int count : new int[] {0, -3}) {
      String message =
          refused(() -> generate(ModelRequest.of(dcgan).with("count", count).withOut(out)));
      assertEquals("Count must be a positive number, not " + count + ".", message);
    }
    assertFalse(Files.exists(out));
    try (ImageGenerator gan = ImageGenerator.load(dcgan, "pytorch")) {
      assertTrue(refused(() -> gan.sample(0, 1)).contains("positive"));
    }
  }

  @Test
  void anOutputThatIsAFolderOrMissingIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("folder"));
    assertTrue(
        refused(() -> generate(ModelRequest.of(dcgan).with("count", 2).withOut(dir)))
            .contains("is a folder"));
    // Without --out, zoo generate writes samples.png in the working directory, as for every image
    // generator; an output whose folder does not exist is refused.
    assertEquals(
        Path.of("samples.png"),
        ImageSampling.from(ModelRequest.of(dcgan).with("count", 2), "a GAN", "class").out());
    Path nowhere = tmp.resolve("absent/x.png");
    assertTrue(
        refused(() -> generate(ModelRequest.of(dcgan).with("count", 2).withOut(nowhere)))
            .contains("does not exist"));
    assertFalse(Files.exists(nowhere.getParent()));
  }

  @Test
  void anEngineThatCannotTrainIsNamedInOneSentence() {
    RunContext context = GanTestSupport.context("tensorflow", null, new ByteArrayOutputStream());
    Path run = tmp.resolve("tf");
    String message = refused(() -> family.train(TrainRequest.defaults(run), context));
    assertTrue(message.toLowerCase().contains("tensorflow"), message);
    assertFalse(Files.exists(run));
  }

  @Test
  void badNumbersAreRefused() {
    assertTrue(
        refused(() -> ImageGenerator.builder().engine("pytorch").set("latent_dim", 0).build())
            .contains("latent"));
    assertTrue(refused(() -> ImageGenerator.builder().set("epochs", 0).build()).contains("Epochs"));
    RunContext context = GanTestSupport.context("pytorch", null, new ByteArrayOutputStream());
    Path run = tmp.resolve("neg");
    TrainRequest negative =
        new TrainRequest(null, run, 1, null, null, null, false, Map.of("limit", "-5"));
    assertTrue(refused(() -> family.train(negative, context)).contains("Limit"));
    assertFalse(Files.exists(run));
  }

  private String refused(Executable action) {
    ZooException e = assertThrows(ZooException.class, action);
    String message = e.getMessage();
    assertFalse(message.contains("\n"), "one sentence: " + message);
    assertTrue(message.endsWith("."), "a sentence: " + message);
    return message;
  }

  private static void generate(ModelRequest request) {
    new GanFamily()
        .generate(request, GanTestSupport.context("pytorch", null, new ByteArrayOutputStream()));
  }

  /** A copy of a run directory, so that each test may try to change its own. */
  private static Path copy(Path from, Path to) throws IOException {
    List<Path> sources;
    try (var walk = Files.walk(from)) {
      sources = walk.filter(Files::isRegularFile).toList();
    }
    for (Path source : sources) {
      Path target = to.resolve(from.relativize(source).toString());
      Files.createDirectories(target.getParent());
      Files.copy(source, target);
    }
    return to;
  }

  /** A Fashion-MNIST-style folder of plain IDX files with 4 blank images of {@code side}. */
  private static Path writeIdx(Path dir, int side) throws IOException {
    Files.createDirectories(dir);
    for (String prefix : new String[] {"train", "t10k"}) {
      java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 4 * side * side);
      images.putInt(0x00000803).putInt(4).putInt(side).putInt(side);
      Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
      java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 4);
      labels.putInt(0x00000801).putInt(4);
      Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }
    return dir;
  }
}
