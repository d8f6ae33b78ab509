package dev.zoo.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input through the family API: each case is a {@link ZooException} with one clear sentence,
 * and an existing run directory is left exactly as it was.
 */
class BadInputTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Map<String, String> runFiles;

  private final CnnFamily family = new CnnFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    DataSplits sample = TestData.sample();
    data = TestData.writeIdxDir(shared.resolve("data"), sample.train().first(600), sample.test());
    run = shared.resolve("run");
    new CnnFamily()
        .train(new TrainRequest("lenet", run, 1, null, null, null, false, Map.of()), context(data));
    runFiles = TestData.snapshot(run);
  }

  private static RunContext context(Path dataDir) {
    return TestData.context("pytorch", dataDir, new ByteArrayOutputStream());
  }

  private static TrainRequest request(String variant, Path out) {
    return new TrainRequest(variant, out, 1, null, null, 100, false, Map.of());
  }

  private static TrainRequest resume(int epochs) {
    return new TrainRequest(null, run, epochs, null, null, null, true, Map.of());
  }

  /** The shared run directory is byte for byte and time for time as training left it. */
  private static void assertRunUntouched() throws IOException {
    assertEquals(runFiles, TestData.snapshot(run));
  }

  /** A copy of the shared data folder. */
  private Path dataCopy() throws IOException {
    return dataCopy("data-copy");
  }

  private Path dataCopy(String name) throws IOException {
    return TestData.copyTree(data, dir.resolve(name));
  }

  /** A copy of the shared run directory. */
  private Path runCopy() throws IOException {
    return TestData.copyTree(run, dir.resolve("run-copy"));
  }

  @Test
  void unknownVariant() throws IOException {
    Path out = dir.resolve("out");
    TestData.assertZooError(
        () -> family.train(request("nope", out), context(data)),
        "Unknown variant 'nope' of family cnn",
        "simple-cnn, lenet, resnet");
    assertFalse(Files.exists(out), "nothing is created for a refused request");
    TestData.assertZooError(
        () -> ImageClassifier.builder().variant("nope").build(), "Unknown variant 'nope'");
    TestData.assertZooError(
        () ->
            family.train(
                new TrainRequest("nope", run, 2, null, null, null, true, Map.of()), context(data)),
        "Unknown variant 'nope'");
    assertRunUntouched();
  }

  @Test
  void engineThatIsNotInstalledOrUnknown() throws IOException {
    Path out = dir.resolve("out");
    RunContext tensorflow = TestData.context("tensorflow", data, new ByteArrayOutputStream());
    TestData.assertZooError(
        () -> family.train(request("lenet", out), tensorflow),
        "Engine tensorflow is not available");
    RunContext unknown = TestData.context("nosuch", data, new ByteArrayOutputStream());
    TestData.assertZooError(
        () -> family.train(request("lenet", out), unknown),
        "Unknown engine 'nosuch'",
        "pytorch",
        "mxnet");
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(run), unknown), "Unknown engine 'nosuch'");
    assertFalse(Files.exists(out));
    assertRunUntouched();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "train-images-idx3-ubyte, false, pixel",
    "train-labels-idx1-ubyte, false, label",
    "t10k-images-idx3-ubyte, true, pixel"
  })
  void truncatedIdxFile(String name, boolean gzip, String what) throws IOException {
    Path bad = dataCopy();
    Path file = bad.resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    if (gzip) {
      Files.delete(file);
      byte[] gz = TestData.gzip(bytes);
      file = bad.resolve(name + ".gz");
      Files.write(file, Arrays.copyOf(gz, gz.length / 2));
    } else {
      Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
    }
    Path out = dir.resolve("out");
    String expected = gzip ? file + " is truncated" : file + " is truncated: expected ";
    ZooException e =
        TestData.assertZooError(() -> family.train(request("lenet", out), context(bad)), expected);
    assertTrue(e.getMessage().contains(what + " bytes"), e.getMessage());
    assertFalse(Files.exists(out));
    TestData.assertZooError(() -> family.evaluate(ModelRequest.of(run), context(bad)), expected);
    TestData.assertZooError(() -> family.train(resume(2), context(bad)), expected);
    assertRunUntouched();
  }

  @Test
  void fileThatIsNotIdx() throws IOException {
    Path bad = dataCopy();
    Files.writeString(bad.resolve("train-images-idx3-ubyte"), "Hello, this is not an IDX file.");
    TestData.assertZooError(
        () -> family.train(request("lenet", dir.resolve("out")), context(bad)),
        "train-images-idx3-ubyte is not an IDX image file (magic number 0x48656c6c)");
    // Image and label files swapped.
    Path swapped = dataCopy("swapped");
    Files.copy(
        data.resolve("t10k-labels-idx1-ubyte"),
        swapped.resolve("t10k-images-idx3-ubyte"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(run), context(swapped)),
        "t10k-images-idx3-ubyte is not an IDX image file (magic number 0x00000801)");
    // --data naming a file rather than a folder.
    Path file = dir.resolve("data.bin");
    Files.write(file, new byte[] {0, 0, 8, 3});
    TestData.assertZooError(
        () -> family.train(request("lenet", dir.resolve("out")), context(file)),
        "Data path " + file + " given by --data is not a folder");
    TestData.assertZooError(
        () -> family.train(request("lenet", dir.resolve("out")), context(dir.resolve("nope"))),
        "Data folder " + dir.resolve("nope") + " given by --data does not exist");
    assertFalse(Files.exists(dir.resolve("out")));
    assertRunUntouched();
  }

  @Test
  void labelsAndImagesOfDifferentCounts() throws IOException {
    Path bad = dataCopy();
    byte[] labels = Files.readAllBytes(bad.resolve("train-labels-idx1-ubyte"));
    byte[] fewer = Arrays.copyOf(labels, labels.length - 1);
    fewer[7] = (byte) (fewer[7] - 1); // declared count 600 -> 599
    Files.write(bad.resolve("train-labels-idx1-ubyte"), fewer);
    TestData.assertZooError(
        () -> family.train(request("lenet", dir.resolve("out")), context(bad)),
        "has 600 images but file",
        "has 599 labels");
    TestData.assertZooError(() -> family.train(resume(2), context(bad)), "has 600 images but file");
    assertRunUntouched();
  }

  @Test
  void missingIdxFile() throws IOException {
    Path bad = dataCopy();
    Files.delete(bad.resolve("t10k-labels-idx1-ubyte"));
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(run), context(bad)),
        "lacks t10k-labels-idx1-ubyte (plain or .gz)");
    assertRunUntouched();
  }

  @Test
  void imageThatCannotBeDecoded() throws IOException {
    Path noise = dir.resolve("noise.png");
    byte[] bytes = new byte[2048];
    new Random(1).nextBytes(bytes);
    Files.write(noise, bytes);
    TestData.assertZooError(
        () ->
            family.predict(
                ModelRequest.of(run).withInputs(List.of(noise.toString())), context(null)),
        "Cannot decode image " + noise + ": not a PNG or JPEG file");
    // A PNG signature followed by garbage is no better.
    Path broken = dir.resolve("broken.png");
    byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 64);
    Files.write(broken, png);
    TestData.assertZooError(
        () ->
            family.predict(
                ModelRequest.of(run).withInputs(List.of(broken.toString())), context(null)),
        "Cannot decode image " + broken);
    TestData.assertZooError(
        () ->
            family.predict(
                ModelRequest.of(run).withInputs(List.of(dir.resolve("absent.png").toString())),
                context(null)),
        "Image file " + dir.resolve("absent.png") + " does not exist");
    TestData.assertZooError(
        () -> family.predict(ModelRequest.of(run).withInputs(List.of()), context(null)),
        "Name at least one PNG or JPEG");
    try (ImageClassifier model = ImageClassifier.load(run, "pytorch")) {
      TestData.assertZooError(() -> model.predict(noise, 3), "Cannot decode image");
      TestData.assertZooError(
          () -> model.predict(new float[10], 3), "An image of 10 pixels does not fit");
    }
    assertRunUntouched();
  }

  @Test
  void checkpointThatIsMissing() throws IOException {
    Path missing = dir.resolve("nonexistent");
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(missing), context(data)),
        "Checkpoint " + missing + " does not exist");
    TestData.assertZooError(
        () -> family.predict(ModelRequest.of(missing).withInputs(List.of("x.png")), context(null)),
        "does not exist");
    TestData.assertZooError(() -> ImageClassifier.load(missing), "does not exist");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no model here");
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(empty), context(data)),
        "No checkpoint in " + empty + ": it has no model.json");
    assertEquals(List.of("notes.txt"), list(empty));
  }

  @ParameterizedTest
  @ValueSource(strings = {"evaluate", "predict", "load", "resume"})
  void checkpointWithAFlippedByte(String action) throws IOException {
    Path copy = runCopy();
    Path params = copy.resolve("checkpoint/model.params");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(params, bytes);
    Map<String, String> before = TestData.snapshot(copy);
    TestData.assertZooError(
        () -> act(action, copy),
        "Checkpoint " + copy + " is corrupted: the checksum of model.params does not match");
    assertEquals(before, TestData.snapshot(copy), "the corrupted run is left as it was");
  }

  @Test
  void checkpointWithABrokenOrIncompleteModelJson() throws IOException {
    Path garbled = runCopy();
    Files.writeString(garbled.resolve("checkpoint/model.json"), "{ this is not json");
    TestData.assertZooError(
        () -> act("evaluate", garbled), "is corrupted: its model.json cannot be read");

    Path incomplete = TestData.copyTree(run, dir.resolve("incomplete"));
    Files.delete(incomplete.resolve("checkpoint/optimizer.state"));
    Map<String, String> before = TestData.snapshot(incomplete);
    TestData.assertZooError(
        () -> act("resume", incomplete), "is incomplete: optimizer.state is missing");
    assertEquals(before, TestData.snapshot(incomplete));

    Path foreign = TestData.copyTree(run, dir.resolve("foreign"));
    Path json = foreign.resolve("checkpoint/model.json");
    String text = Files.readString(json);
    assertTrue(text.contains("\"family\": \"cnn\""), text);
    Files.writeString(json, text.replace("\"family\": \"cnn\"", "\"family\": \"gan\""));
    before = TestData.snapshot(foreign);
    for (String action : List.of("evaluate", "predict", "load", "resume")) {
      TestData.assertZooError(
          () -> act(action, foreign),
          "Checkpoint " + foreign + " holds a gan model (lenet), not a cnn model");
    }
    assertEquals(before, TestData.snapshot(foreign));

    Path otherFormat = TestData.copyTree(run, dir.resolve("other-format"));
    Path otherJson = otherFormat.resolve("checkpoint/model.json");
    Files.writeString(
        otherJson, Files.readString(otherJson).replace("zoo-checkpoint/1", "zoo-checkpoint/9"));
    TestData.assertZooError(() -> act("evaluate", otherFormat), "is not a zoo checkpoint");
  }

  private Report act(String action, Path checkpoint) throws IOException {
    switch (action) {
      case "evaluate":
        return family.evaluate(ModelRequest.of(checkpoint), context(data));
      case "predict":
        Path png = dir.resolve("image.png");
        TestData.writePng(png, TestData.sample().test().image(0), 28, 28);
        return family.predict(
            ModelRequest.of(checkpoint).withInputs(List.of(png.toString())), context(null));
      case "load":
        ImageClassifier.load(checkpoint, "pytorch").close();
        return null;
      case "resume":
        return family.train(
            new TrainRequest(null, checkpoint, 2, null, null, null, true, Map.of()), context(data));
      default:
        throw new IllegalArgumentException(action);
    }
  }

  @Test
  void zeroOrNegativeEpochsAndBatchSize() throws IOException {
    Path out = dir.resolve("out");
    for (int n : new int[] {0, -1}) {
      TestData.assertZooError(
          () -> new TrainRequest("lenet", out, n, null, null, null, false, Map.of()),
          "Epochs must be a positive number, not " + n);
      TestData.assertZooError(
          () -> new TrainRequest("lenet", out, null, n, null, null, false, Map.of()),
          "Batch size must be a positive number, not " + n);
      TestData.assertZooError(
          () -> new TrainRequest("lenet", out, null, null, null, n, false, Map.of()),
          "Limit must be a positive number");
    }
    // The same values as --set overrides, which the request does not check itself.
    for (String value : List.of("0", "-1")) {
      TestData.assertZooError(
          () -> family.train(overrides(out, "epochs", value), context(data)),
          "Epochs must be a positive number, not " + value);
      TestData.assertZooError(
          () -> family.train(overrides(out, "batch_size", value), context(data)),
          "Batch size must be a positive number, not " + value);
      TestData.assertZooError(
          () -> family.train(resumeOverrides("batch_size", value), context(data)),
          "Batch size must be a positive number, not " + value);
    }
    TestData.assertZooError(
        () -> family.train(overrides(out, "epochs", "two"), context(data)),
        "Hyper-parameter 'epochs' must be an integer, not 'two'");
    TestData.assertZooError(
        () -> family.train(overrides(out, "dropout", "0.5"), context(data)),
        "Unknown hyper-parameter 'dropout'");
    // Resuming a complete run is not a mistake (job scripts always pass --resume): it trains
    // nothing and changes nothing.
    ByteArrayOutputStream completeLog = new ByteArrayOutputStream();
    family.train(resume(1), TestData.context("pytorch", data, completeLog));
    assertTrue(
        completeLog.toString(StandardCharsets.UTF_8).contains("is complete"),
        completeLog.toString(StandardCharsets.UTF_8));
    assertRunUntouched();
    // An application's builder refuses the setting before any model exists.
    TestData.assertZooError(
        () ->
            ImageClassifier.builder()
                .engine("pytorch")
                .variant("lenet")
                .set("batch_size", -1)
                .build(),
        "Batch size must be a positive number, not -1");
    assertFalse(Files.exists(out) && Files.exists(out.resolve("checkpoint")));
    assertRunUntouched();
  }

  private static TrainRequest overrides(Path out, String name, String value) {
    return new TrainRequest("lenet", out, null, null, null, 100, false, Map.of(name, value));
  }

  private static TrainRequest resumeOverrides(String name, String value) {
    return new TrainRequest(null, run, 2, null, null, null, true, Map.of(name, value));
  }

  @Test
  void outputDirectoryThatIsAFile() throws IOException {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "keep me");
    TestData.assertZooError(
        () -> family.train(request("lenet", file), context(data)),
        "Output directory " + file + " is a file, not a directory");
    TestData.assertZooError(
        () ->
            family.train(
                new TrainRequest(null, file, 2, null, null, null, true, Map.of()), context(data)),
        "is a file, not a directory");
    assertEquals("keep me", Files.readString(file, StandardCharsets.UTF_8));
    try (ImageClassifier model =
        ImageClassifier.builder().engine("pytorch").variant("lenet").build()) {
      DataSplits sample = TestData.sample();
      TestData.assertZooError(
          () -> model.fit(sample.train().first(100), sample.test().first(10), file),
          "is a file, not a directory");
      TestData.assertZooError(() -> model.save(file), "it is a file");
    }
    assertEquals("keep me", Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void runDirectoryWithACheckpointIsNotOverwritten() throws IOException {
    TestData.assertZooError(
        () -> family.train(request("lenet", run), context(data)),
        "Output directory " + run + " already holds a checkpoint");
    try (ImageClassifier model =
        ImageClassifier.builder().engine("pytorch").variant("lenet").build()) {
      DataSplits sample = TestData.sample();
      assertThrows(
          ZooException.class,
          () -> model.fit(sample.train().first(100), sample.test().first(10), run));
    }
    assertRunUntouched();
  }

  private static List<String> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
