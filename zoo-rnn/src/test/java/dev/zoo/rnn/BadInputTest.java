package dev.zoo.rnn;

import static dev.zoo.rnn.RnnTests.assertRefused;
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
import dev.zoo.api.text.TokenSampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the language-model variants: each case is one clear sentence, and neither a new run
 * directory nor an existing run is written.
 */
class BadInputTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Map<String, String> runFiles;

  private final RnnFamily family = new RnnFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    data = RnnTests.embeddedCorpusFile(shared.resolve("data"));
    run = shared.resolve("run");
    new RnnFamily().train(RnnTests.request(null, run, 1, RnnTests.TINY), context(data));
    runFiles = RnnTests.snapshot(run);
  }

  private static RunContext context(Path corpus) {
    return RnnTests.context("pytorch", corpus, new ByteArrayOutputStream(), 1);
  }

  private void assertRunUntouched() throws IOException {
    assertEquals(runFiles, RnnTests.snapshot(run));
  }

  private Path fresh() {
    return dir.resolve("fresh");
  }

  private Report trainFresh(Path corpus) {
    return family.train(RnnTests.request(null, fresh(), 1, RnnTests.TINY), context(corpus));
  }

  @Test
  void emptyCorpusIsRefused() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n%\n  \n");
    assertRefused(() -> trainFresh(empty), "empty");
    assertFalse(Files.exists(fresh()));
  }

  @Test
  void binaryCorpusIsRefusedNamingTheOffset() throws IOException {
    byte[] bytes = "Plain words, then ".getBytes(StandardCharsets.UTF_8);
    byte[] binary = new byte[bytes.length + 4];
    System.arraycopy(bytes, 0, binary, 0, bytes.length);
    binary[bytes.length] = (byte) 0xFF;
    binary[bytes.length + 1] = (byte) 0xFE;
    Path file = Files.write(dir.resolve("image.bin"), binary);
    assertRefused(() -> trainFresh(file), "not UTF-8", "offset " + bytes.length);
    assertFalse(Files.exists(fresh()));
  }

  @Test
  void missingCorpusIsRefused() {
    assertRefused(() -> trainFresh(dir.resolve("nowhere")), "does not exist");
    assertFalse(Files.exists(fresh()));
  }

  @Test
  void corpusTooShortForAWindowIsRefused() throws IOException {
    Path tiny = Files.writeString(dir.resolve("tiny.txt"), "One.\n%\nTwo.\n%\nThree.\n");
    assertRefused(() -> trainFresh(tiny), "too");
    assertFalse(Files.exists(fresh()));
  }

  @Test
  void promptWithUnknownCharactersWarnsAndStillGenerates() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Report report =
        family.generate(
            ModelRequest.of(run).with("prompt", "The \u2603 sea\u00df").with("length", 40),
            RnnTests.context("pytorch", null, output, 3));
    String printed = output.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("never seen: '\u00df' '\u2603'"), printed);
    String text = (String) report.data().get("text");
    assertEquals(40, text.codePointCount(0, text.length()));
  }

  @Test
  void nonPositiveLengthOrTemperatureIsRefused() {
    assertRefused(
        () -> generate(prompt("The ").with("length", 0)), "Length must be a positive number");
    assertRefused(
        () -> generate(prompt("The ").with("length", 10).with("temperature", -0.5)),
        "Temperature must be a positive number");
    assertRefused(
        () -> generate(prompt("The ").with("length", 10).with("temperature", 0.0)), "Temperature");
    try (CharLanguageModel model = CharLanguageModel.load(run, "pytorch")) {
      assertRefused(() -> model.generate("The ", -3, new TokenSampler(1, 0, 1, 1)), "Length", "-3");
    }
    assertRefused(() -> new TokenSampler(0, 0, 1, 1), "Temperature");
  }

  @Test
  void imageOptionsOfGenerateAreRefused() {
    assertRefused(
        () -> family.generate(ModelRequest.of(run).with("count", 4), context(null)),
        "--count does not apply");
    assertRefused(
        () -> family.generate(ModelRequest.of(run).with("class", "sea"), context(null)),
        "--class does not apply");
  }

  @Test
  void checkpointOfAnotherFamilyIsRefused() throws IOException {
    Path foreign = dir.resolve("foreign");
    try (CheckpointWriter writer = CheckpointWriter.begin(foreign.resolve(Checkpoint.DIR))) {
      writer.put("model.params", out -> out.writeInt(7));
      writer.commit(foreignInfo("cnn", "lenet"));
    }
    RunContext context = context(data);
    assertRefused(
        () -> family.generate(ModelRequest.of(foreign), context), "holds a cnn model", "rnn");
    assertRefused(() -> family.evaluate(ModelRequest.of(foreign), context), "holds a cnn model");
    assertRefused(
        () ->
            family.train(
                new TrainRequest(null, foreign, 2, null, null, null, true, Map.of()), context),
        "holds a cnn model");
    assertRefused(() -> CharLanguageModel.load(foreign), "holds a cnn model");
  }

  @Test
  void resumingAsAnotherVariantIsRefused() throws IOException {
    assertRefused(
        () ->
            family.train(
                new TrainRequest("char-gru", run, 2, null, null, null, true, Map.of()),
                context(data)),
        "char-lstm",
        "char-gru");
    assertRunUntouched();
  }

  @Test
  void aNewRunDoesNotOverwriteACheckpoint() throws IOException {
    assertRefused(
        () -> family.train(RnnTests.request(null, run, 1, RnnTests.TINY), context(data)),
        "already holds a checkpoint");
    assertRunUntouched();
  }

  @Test
  void resumingOnTextOutsideTheVocabularyIsRefused() throws IOException {
    Path other = dir.resolve("other.txt");
    String record = "\u00c5ngstr\u00f6m in \u00e9t\u00e9. ".repeat(20);
    Files.writeString(other, String.join("\n%\n", java.util.Collections.nCopies(20, record)));
    assertRefused(
        () ->
            family.train(
                new TrainRequest(null, run, 2, null, null, null, true, Map.of()), context(other)),
        "does not fit the model's vocabulary");
    assertRunUntouched();
  }

  @Test
  void settingsNoRunCanUseAreRefused() {
    assertRefused(() -> trainFresh(data, "context", "0"), "context", "positive");
    assertRefused(() -> trainFresh(data, "dropout", "1.0"), "Dropout");
    assertRefused(() -> trainFresh(data, "hidden", "-4"), "hidden");
    assertRefused(() -> trainFresh(data, "layers", "two"), "layers", "integer");
    assertRefused(() -> trainFresh(data, "horizon", "12"), "Unknown hyper-parameter 'horizon'");
    assertRefused(() -> trainFresh(data, "schedule", "linear"), "schedule");
    assertFalse(Files.exists(fresh()));
  }

  private static ModelRequest prompt(String text) {
    return ModelRequest.of(run).with("prompt", text);
  }

  private Report generate(ModelRequest request) {
    return family.generate(request, context(null));
  }

  private Report trainFresh(Path corpus, String name, String value) {
    return family.train(
        RnnTests.request(null, fresh(), 1, RnnTests.tiny(name, value)), context(corpus));
  }

  private static CheckpointInfo foreignInfo(String familyName, String variant) {
    return new CheckpointInfo(
        Checkpoint.FORMAT,
        familyName,
        variant,
        Map.of("epochs", "1"),
        List.of(1, 28, 28),
        List.of(),
        "pytorch",
        "2.7.1",
        "0.35.1",
        "test",
        1,
        1,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        null);
  }
}
