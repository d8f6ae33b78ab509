package dev.zoo.transformer;

import static dev.zoo.api.common.Hyperparameters.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.CheckpointWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each bad input is refused with one sentence, before anything is written, and a trained run
 * directory stays exactly as it was.
 */
class BadInputTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Map<String, String> runFiles;

  private final TransformerFamily family = new TransformerFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    data = TestSupport.writeEmbeddedCorpus(shared.resolve("corpus"));
    run = shared.resolve("run");
    new TransformerFamily().train(request(run, "steps", "5"), context(data));
    runFiles = TestSupport.files(run);
  }

  @AfterEach
  void runIsUntouched() throws IOException {
    assertEquals(runFiles, TestSupport.files(run));
  }

  private static RunContext context(Path corpus) {
    return TestSupport.context("pytorch", corpus, new ByteArrayOutputStream());
  }

  private static TrainRequest request(Path out, String... settings) {
    Map<String, String> all = new HashMap<>(TestSupport.TINY);
    for (int i = 0; i < settings.length; i += 2) {
      all.put(settings[i], settings[i + 1]);
    }
    return new TrainRequest(null, out, null, null, null, null, false, all);
  }

  private static ModelRequest generate(Integer length, Double t, Integer k, Double p) {
    ModelRequest request = ModelRequest.of(run).with("prompt", "The");
    request = length == null ? request : request.with("length", length);
    request = t == null ? request : request.with("temperature", t);
    request = k == null ? request : request.with("top_k", k);
    return p == null ? request : request.with("top_p", p);
  }

  private static ModelRequest attention(String prompt, Integer layer, Path out) {
    ModelRequest request = ModelRequest.of(run).with("prompt", prompt).withOut(out);
    return layer == null ? request : request.with("layer", layer);
  }

  @Test
  void anEmptyCorpusIsRefused() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    Path out = dir.resolve("out");
    TestSupport.assertRefused(
        () -> family.train(request(out), context(empty)), "empty.txt", "empty");
    assertFalse(Files.exists(out));
  }

  @Test
  void aCorpusTooShortForTheContextIsRefused() throws IOException {
    Path tiny = Files.writeString(dir.resolve("tiny.txt"), "one\n\ntwo\n\nthree\n");
    Path out = dir.resolve("out");
    TestSupport.assertRefused(() -> family.train(request(out), context(tiny)), "too");
    assertFalse(Files.exists(out));
  }

  @Test
  void textThatIsNotUtf8IsRefused() throws IOException {
    Path bad = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
    TestSupport.assertRefused(
        () -> family.train(request(dir.resolve("out")), context(bad)), "not UTF-8");
  }

  @ParameterizedTest
  @CsvSource({"heads, 5, multiple", "context, 0, positive", "dropout, 1.5, Dropout"})
  void impossibleShapesAreRefusedBeforeTraining(String name, String value, String fragment) {
    Path out = dir.resolve("out");
    TestSupport.assertRefused(
        () -> family.train(request(out, name, value), context(data)), fragment);
    assertFalse(Files.exists(out));
  }

  @Test
  void aBpeVocabularyWithoutRoomForMergesIsRefused() {
    Path out = dir.resolve("out");
    Map<String, String> settings = new HashMap<>(TestSupport.TINY);
    settings.put("vocab_size", "200");
    TestSupport.assertRefused(
        () ->
            family.train(
                new TrainRequest("bpe-gpt", out, null, null, null, null, false, settings),
                context(data)),
        "more than 256",
        "200");
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnknownHyperparameterIsRefused() {
    TestSupport.assertRefused(
        () -> family.train(request(dir.resolve("out"), "layer", "3"), context(data)),
        "Unknown hyper-parameter 'layer'");
  }

  @Test
  void trainingIntoARunThatHoldsACheckpointIsRefused() {
    TestSupport.assertRefused(
        () -> family.train(request(run), context(data)), "already holds a checkpoint");
  }

  @Test
  void resumingACompleteRunTrainsNothingAndChangesNothing() {
    // Resuming a complete run is not a mistake (job scripts always pass --resume): it trains
    // nothing, says so, and leaves the run as it was (checked after each test).
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    family.train(
        new TrainRequest(null, run, null, null, null, null, true, Map.of("steps", "5")),
        TestSupport.context("pytorch", data, log));
    assertTrue(log.toString().contains("Run " + run + " is complete"), log.toString());
  }

  @Test
  void resumingAsAnotherVariantIsRefused() {
    TestSupport.assertRefused(
        () ->
            family.train(
                new TrainRequest("no-such-gpt", run, null, null, null, null, true, Map.of()),
                context(data)),
        "Unknown variant 'no-such-gpt'");
  }

  @Test
  void aCheckpointOfAnotherFamilyIsRefused() throws IOException {
    Path foreign = dir.resolve("foreign");
    try (CheckpointWriter writer = CheckpointWriter.begin(foreign)) {
      writer.put("model.params", out -> out.writeInt(1));
      writer.commit(
          new CheckpointInfo(
              Checkpoint.FORMAT,
              "cnn",
              "lenet",
              builder().build().asMap(),
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
              null));
    }
    TestSupport.assertRefused(
        () -> family.generate(ModelRequest.of(foreign), context(data)), "cnn model");
    TestSupport.assertRefused(
        () -> family.evaluate(ModelRequest.of(foreign), context(data)), "not a transformer");
    TestSupport.assertRefused(
        () -> family.attention(ModelRequest.of(foreign).with("prompt", "x"), context(data)),
        "cnn model");
  }

  @Test
  void aMissingCheckpointIsRefused() {
    TestSupport.assertRefused(
        () -> family.generate(ModelRequest.of(dir.resolve("nothing")), context(data)),
        "does not exist");
  }

  @ParameterizedTest
  @CsvSource({
    "0, , , , Length must be a positive number",
    "-3, , , , Length must be a positive number",
    "10, 0, , , Temperature must be a positive number",
    "10, -1, , , Temperature must be a positive number",
    "10, , 0, , Top-k must be a positive number",
    "10, , , 0, 'Top-p must be in (0, 1]'",
    "10, , , 1.5, 'Top-p must be in (0, 1]'"
  })
  void badSamplingSettingsAreRefused(
      Integer length, Double temperature, Integer topK, Double topP, String message) {
    TestSupport.assertRefused(
        () -> family.generate(generate(length, temperature, topK, topP), context(data)), message);
  }

  @Test
  void aLayerBeyondTheModelIsRefused() {
    TestSupport.assertRefused(
        () -> family.attention(attention("the sea", 3, dir.resolve("a.png")), context(data)),
        "--layer must be between 1 and 2");
    TestSupport.assertRefused(
        () -> family.attention(attention("the sea", 0, null), context(data)), "counted from 1");
  }

  @Test
  void attentionNeedsAPngFileAndAKnownCharacter() {
    TestSupport.assertRefused(
        () -> family.attention(attention("the sea", null, dir.resolve("a.txt")), context(data)),
        ".png");
    TestSupport.assertRefused(
        () ->
            family.attention(attention("\u2603\u2603", null, dir.resolve("a.png")), context(data)),
        "no character the model knows");
  }

  @Test
  void imageOptionsAreRefusedForText() {
    TestSupport.assertRefused(
        () -> family.generate(ModelRequest.of(run).with("count", 4), context(data)),
        "generates text");
  }
}
