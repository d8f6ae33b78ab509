package dev.zoo.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Tokenizer;
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

/** The family's actions as the command line calls them: run, resume, eval and generate. */
class FamilyActionsTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Report trained;
  private static String trainLog;

  private final RnnFamily family = new RnnFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainThreeEpochs() throws IOException {
    data = RnnTests.embeddedCorpusFile(shared.resolve("data"));
    run = shared.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    trained =
        new RnnFamily()
            .train(
                RnnTests.request(null, run, 3, RnnTests.TINY),
                RnnTests.context("pytorch", data, log, 5));
    trainLog = log.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runReportsBitsPerCharacterNextToTheBaselineAndSamples() {
    Map<String, Object> json = trained.data();
    assertEquals("char-lstm", json.get("variant"));
    assertEquals(3, json.get("epochs"));
    double bpc = (Double) json.get("bpc");
    double unigram = (Double) json.get("unigram_bpc");
    assertTrue(bpc < unigram, bpc + " vs " + unigram);
    assertTrue((Double) json.get("chars_per_s") > 0);
    assertEquals(3, ((List<?>) json.get("samples")).size());
    assertTrue(trained.text().contains("bits per character (unigram baseline"), trained.text());
    assertTrue(trainLog.contains("Epoch 1/3") && trainLog.contains("val_bpc"), trainLog);
    assertTrue(trainLog.contains("chars/s"), trainLog);
    assertTrue(Files.isRegularFile(run.resolve("metrics.jsonl")));
    Checkpoint cp = Checkpoint.open(run, RnnFamily.NAME);
    assertEquals("32", cp.info().hyperparameters().get("context"));
    Tokenizer tokenizer = StoredTokenizer.of(cp);
    assertTrue(
        tokenizer instanceof CharVocabulary vocabulary
            && vocabulary.contains('e')
            && vocabulary.contains('\n'));
  }

  @Test
  void evalReportsBpcOnTheValidationSplit() {
    Report report =
        family.evaluate(
            ModelRequest.of(run),
            RnnTests.context("pytorch", data, new ByteArrayOutputStream(), 1));
    double bpc = (Double) report.data().get("bpc");
    double unigram = (Double) report.data().get("unigram_bpc");
    assertTrue(bpc < unigram, bpc + " vs " + unigram);
    assertTrue((Integer) report.data().get("characters") > 1000);
  }

  @Test
  void generateStreamsTheSameTextForTheSameSeed() {
    ModelRequest request =
        ModelRequest.of(run)
            .with("prompt", "The ")
            .with("length", 80)
            .with("temperature", 0.8)
            .with("top_k", 20);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    Report a = family.generate(request, RnnTests.context("pytorch", null, first, 7));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Report b = family.generate(request, RnnTests.context("mxnet", null, second, 7));
    Report c =
        family.generate(request, RnnTests.context("pytorch", null, new ByteArrayOutputStream(), 8));
    String text = (String) a.data().get("text");
    assertEquals(80, text.codePointCount(0, text.length()));
    assertEquals(text, b.data().get("text"));
    assertTrue(!text.equals(c.data().get("text")));
    assertTrue(first.toString(StandardCharsets.UTF_8).contains("The " + text));
  }

  @Test
  void resumeContinuesExactlyWhereTheRunStopped() throws IOException {
    Path resumed = dir.resolve("resumed");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    family.train(
        RnnTests.request(null, resumed, 2, RnnTests.TINY),
        RnnTests.context("pytorch", data, log, 5));
    Report second =
        family.train(
            new TrainRequest(null, resumed, 3, null, null, null, true, Map.of()),
            RnnTests.context("pytorch", data, log, 99));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("Resuming"));
    assertEquals(3, second.data().get("epochs"));
    // One run of three epochs and one of two epochs resumed to three see the same windows,
    // learning rates and optimizer state, so they end in the same place.
    assertEquals((Double) trained.data().get("bpc"), (Double) second.data().get("bpc"), 1e-3);
    assertEquals(
        Files.readAllLines(run.resolve("metrics.jsonl")).size(),
        Files.readAllLines(resumed.resolve("metrics.jsonl")).size());
  }
}
