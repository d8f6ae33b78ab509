package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.model.Classification;
import dev.zoo.api.testing.LegacyExpected;
import dev.zoo.api.text.TokenSampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by the code of commit 04c3eed ({@code src/test/resources/legacy/char-gpt},
 * {@code bpe-gpt} and {@code text-classifier}, made by the {@code LegacyCheckpointWriter} of commit
 * 6e8b9b0) still load, on the engine that wrote them and on the other, and give the bits per
 * character, text and class probabilities recorded then.
 */
class LegacyCheckpointTest {

  static final String CHAR_GPT = TransformerFamily.CHAR_GPT;
  static final String BPE_GPT = TransformerFamily.BPE_GPT;
  static final String TEXT_CLASSIFIER = TransformerFamily.TEXT_CLASSIFIER;

  /** The text whose bits per character are recorded. */
  static final String SENTENCE = "The cat sat on the mat and looked at the sea for a while.";

  /** The prompt of the generated text. */
  static final String PROMPT = "The ";

  /** The texts whose class probabilities are recorded. */
  static final List<String> TEXTS =
      List.of(
          "The compiler crashed again when the program ran out of memory.",
          "The judge read the law to the court and the jury listened.");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} loaded on {1}")
  @CsvSource({"char-gpt, pytorch", "char-gpt, mxnet", "bpe-gpt, mxnet", "bpe-gpt, pytorch"})
  void languageModelGivesTheRecordedBitsAndText(String variant, String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(variant, dir);
    try (LanguageModel model = LanguageModel.load(checkpoint, engine)) {
      assertEquals(engine, model.engine().backend().name());
      assertEquals(variant, model.variant());
      assertEquals("16", model.hyperparameters().get("d_model"), "width read as d_model");
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(variant), measure(model), variant + " on " + engine);
    }
  }

  @ParameterizedTest(name = "loaded on {0}")
  @ValueSource(strings = {"pytorch", "mxnet"})
  void textClassifierGivesTheRecordedProbabilities(String engine) {
    Path checkpoint = LegacyExpected.copyCheckpoint(TEXT_CLASSIFIER, dir);
    try (TextClassifier model = TextClassifier.load(checkpoint, engine)) {
      assertEquals(engine, model.engine().backend().name());
      assertEquals(TEXT_CLASSIFIER, model.variant());
      assertEquals("16", model.hyperparameters().get("d_model"), "width read as d_model");
      LegacyExpected.assertMatches(
          LegacyExpected.expectedValues(TEXT_CLASSIFIER),
          measure(model),
          TEXT_CLASSIFIER + " on " + engine);
    }
  }

  @Test
  void checkpointsKeepTheirTokenizersAndTrainingState() {
    String[][] cases = {
      {CHAR_GPT, "pytorch", "char", "20"},
      {BPE_GPT, "mxnet", "bpe", "20"},
      {TEXT_CLASSIFIER, "pytorch", "char", "20"}
    };
    for (String[] c : cases) {
      Checkpoint cp =
          Checkpoint.open(LegacyExpected.copyCheckpoint(c[0], dir), TransformerFamily.NAME);
      assertEquals(c[0], cp.info().variant());
      assertEquals(c[1], cp.info().engine(), c[0]);
      assertEquals(c[2], cp.info().extra().get("tokenizer"), c[0]);
      assertEquals("16", cp.info().hyperparameters().get("width"), c[0]);
      assertEquals(Double.valueOf(c[3]), cp.info().metrics().get("steps"), c[0]);
      assertEquals(Long.parseLong(c[3]), LegacyExpected.adamSteps(cp, "optimizer.state"), c[0]);
    }
  }

  @Test
  void aLegacyRunResumesOnTheTrainingTemplate() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.move(LegacyExpected.copyCheckpoint(CHAR_GPT, dir), run.resolve(Checkpoint.DIR));
    Path data = TestSupport.writeEmbeddedCorpus(dir.resolve("corpus"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new TransformerFamily()
        .train(
            new TrainRequest(null, run, null, null, null, null, true, Map.of("steps", "24")),
            TestSupport.context("pytorch", data, log));
    assertTrue(log.toString().contains("Resuming"), log.toString());
    Checkpoint cp = Checkpoint.open(run, TransformerFamily.NAME);
    assertEquals(24.0, cp.info().metrics().get("steps"));
    assertEquals(24, LegacyExpected.adamSteps(cp, "optimizer.state"), "the optimizer continued");
    assertEquals("16", cp.info().hyperparameters().get("d_model"));
    assertEquals("32", cp.info().hyperparameters().get("d_ff"));
    assertEquals("adamw", cp.info().hyperparameters().get("optimizer"));
    assertEquals("char", cp.info().extra().get("tokenizer"));
  }

  /**
   * Bits per character of {@link #SENTENCE}, and 20 tokens after {@link #PROMPT}, greedy and
   * sampled with seed 7.
   */
  static LegacyExpected.Values measure(LanguageModel model) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    values.put("bits_per_character.sentence", model.bitsPerCharacter(SENTENCE));
    values.put("generate.greedy20", model.generate(PROMPT, 20, new TokenSampler(1.0, 1, 1.0, 0)));
    values.put("generate.seed7.20", model.generate(PROMPT, 20, new TokenSampler(1.0, 0, 1.0, 7)));
    return values;
  }

  /** The probabilities of every label, in label order, of each of {@link #TEXTS}. */
  static LegacyExpected.Values measure(TextClassifier model) {
    LegacyExpected.Values values = new LegacyExpected.Values();
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] p = new float[model.labels().size()];
      for (Classification c : model.predict(TEXTS.get(i), p.length)) {
        p[c.index()] = (float) c.probability();
      }
      values.put("probabilities.text" + i, p);
    }
    return values;
  }
}
