package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A short real training run on each engine that can train, on the embedded corpus. */
class LanguageTrainingTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void validationBitsPerCharacterFallBelowTheUnigramBaseline(String engine) throws IOException {
    Path data = TestSupport.writeEmbeddedCorpus(dir.resolve("corpus"));
    Path run = dir.resolve("run");
    Map<String, String> settings = new HashMap<>(TestSupport.TINY);
    settings.put("steps", "200");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report report =
        new TransformerFamily()
            .train(
                new TrainRequest(null, run, null, null, null, null, false, settings),
                TestSupport.context(engine, data, log));
    System.out.println(log);

    double bpc = (Double) report.data().get("bpc");
    double unigram = (Double) report.data().get("unigram_bpc");
    // Measured about 3.2 against a baseline of 4.4 on both engines.
    assertTrue(bpc < unigram - 0.5, engine + ": val bpc " + bpc + ", unigram " + unigram);
    List<?> history = (List<?>) report.data().get("history");
    assertTrue(history.size() >= 2, "200 steps span several epochs of the small corpus");
    assertTrue((Double) report.data().get("tokens_per_s") > 0);
    CheckpointInfo info = Checkpoint.open(run, TransformerFamily.NAME).info();
    assertEquals(engine, info.engine());
    assertEquals(TransformerFamily.CHAR_GPT, info.variant());
    assertEquals("char", info.extra().get("tokenizer"));
    assertTrue(Files.isRegularFile(run.resolve("metrics.jsonl")));
    assertTrue(log.toString().contains("unigram baseline"), log.toString());
    assertEquals(3, ((List<?>) report.data().get("samples")).size());
  }

  @org.junit.jupiter.api.Test
  void bpeGptLearnsItsTokensAndBeatsTheUnigramBaselinePerCharacter() throws IOException {
    Path data = TestSupport.writeEmbeddedCorpus(dir.resolve("corpus"));
    Path run = dir.resolve("bpe");
    Map<String, String> settings = new HashMap<>(TestSupport.TINY);
    settings.put("steps", "200");
    settings.put("vocab_size", "320");
    Report report =
        new TransformerFamily()
            .train(
                new TrainRequest("bpe-gpt", run, null, null, null, null, false, settings),
                TestSupport.context("pytorch", data, new ByteArrayOutputStream()));
    double bpc = (Double) report.data().get("bpc");
    double unigram = (Double) report.data().get("unigram_bpc");
    // Byte pairs already hold some context, so the unigram baseline per character is lower than
    // for characters (3.9 against 4.4). Measured 3.77 after 150 steps.
    assertTrue(bpc < unigram - 0.15, "val bpc " + bpc + ", unigram " + unigram);
    CheckpointInfo info = Checkpoint.open(run, TransformerFamily.NAME).info();
    assertEquals("bpe", info.extra().get("tokenizer"));
    assertEquals(320.0, ((Number) info.extra().get("vocabulary_size")).doubleValue());
    Report evaluated =
        new TransformerFamily()
            .evaluate(
                ModelRequest.of(run),
                TestSupport.context("pytorch", data, new ByteArrayOutputStream()));
    assertEquals(bpc, (Double) evaluated.data().get("bpc"), 1e-3);
    try (LanguageModel model = LanguageModel.load(run, "pytorch")) {
      String text =
          model.generate("The sea", 40, new dev.zoo.api.text.TokenSampler(0.8, 40, 0.9, 1));
      assertTrue(text.length() >= 40, "40 tokens of at least one byte each: " + text);
    }
  }
}
