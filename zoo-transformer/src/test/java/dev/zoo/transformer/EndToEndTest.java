package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.Zoo;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The char-gpt actions one after another on PyTorch: train, resume, evaluate, generate (streamed
 * and as JSON), and the public {@link LanguageModel} API an application uses.
 */
class EndToEndTest {

  @TempDir static Path shared;
  private static Path data;
  private static Path run;
  private static Report trained;

  private final TransformerFamily family = new TransformerFamily();

  @BeforeAll
  static void trainOnce() throws IOException {
    data = TestSupport.writeEmbeddedCorpus(shared.resolve("corpus"));
    run = shared.resolve("run");
    Map<String, String> settings = new HashMap<>(TestSupport.TINY);
    settings.put("steps", "40");
    trained =
        new TransformerFamily()
            .train(
                new TrainRequest(null, run, null, null, null, null, false, settings),
                TestSupport.context("pytorch", data, new ByteArrayOutputStream()));
  }

  private static ModelRequest sampling(String prompt, int length) {
    return ModelRequest.of(run).with("prompt", prompt).with("length", length);
  }

  @Test
  void resumeContinuesFromTheCheckpointWithItsOptimizerState() throws IOException {
    int before = Checkpoint.open(run, TransformerFamily.NAME).info().epoch();
    Path copy = TestSupport.copy(run, shared.resolve("resumed"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Report report =
        family.train(
            new TrainRequest(null, copy, null, null, null, null, true, Map.of("steps", "80")),
            TestSupport.context("pytorch", data, log));
    assertTrue(log.toString().contains("Resuming"), log.toString());
    int after = Checkpoint.open(copy, TransformerFamily.NAME).info().epoch();
    assertTrue(after > before, before + " -> " + after);
    assertEquals(after, report.data().get("epochs"));
    assertTrue((Double) report.data().get("bpc") < (Double) trained.data().get("bpc") + 0.05);
  }

  @Test
  void evaluateReportsTheBitsPerCharacterOfTraining() {
    Report report =
        family.evaluate(
            ModelRequest.of(run), TestSupport.context("mxnet", data, new ByteArrayOutputStream()));
    assertEquals((Double) trained.data().get("bpc"), (Double) report.data().get("bpc"), 1e-3);
    assertEquals("mxnet", report.data().get("engine"));
    assertTrue(report.text().contains("Bits per character"), report.text());
  }

  @Test
  void generateStreamsTheContinuationAndReportsIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunContext context =
        RunContext.builder(Zoo.discover())
            .engine("pytorch")
            .out(new PrintStream(out, true, StandardCharsets.UTF_8))
            .log(new PrintStream(log, true, StandardCharsets.UTF_8))
            .seed(7)
            .build();
    Report report =
        family.generate(
            sampling("The sea", 60).with("temperature", 0.8).with("top_k", 40).with("top_p", 0.9),
            context);
    String text = (String) report.data().get("text");
    assertEquals(60, text.codePointCount(0, text.length()));
    assertEquals("The sea" + text, out.toString(StandardCharsets.UTF_8));
    assertEquals("", report.text());
    assertTrue(log.toString().contains("tokens/s"), log.toString());

    Report again =
        family.generate(
            sampling("The sea", 60).with("temperature", 0.8).with("top_k", 40).with("top_p", 0.9),
            context);
    assertEquals(text, again.data().get("text"), "the same seed gives the same text");
  }

  @Test
  void aPromptLongerThanTheContextKeepsItsEndAndSaysSo() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String prompt = "the sea is wide and the ship is small. ".repeat(5);
    Report report =
        family.generate(sampling(prompt, 10), TestSupport.context("pytorch", data, log));
    assertEquals(10, ((String) report.data().get("text")).length());
    assertTrue(
        log.toString().contains("only the last 48 are used"), "no notice in: " + log.toString());
  }

  @Test
  void anApplicationLoadsTheModelAndGenerates() {
    try (LanguageModel model = LanguageModel.load(run, "pytorch")) {
      assertEquals("char-gpt", model.variant());
      String text = model.generate("A", 30, new TokenSampler(0.8, 40, 0.9, 3));
      assertEquals(30, text.length());
      double bpc = model.bitsPerCharacter(Corpus.embedded().split(0.1).validationText());
      assertTrue(bpc < 5.0, "bpc " + bpc);
    }
  }

  @Test
  void attentionDrawsEachHeadOfTheChosenLayer() throws IOException {
    Path png = shared.resolve("attention.png");
    Report report =
        family.attention(
            ModelRequest.of(run).with("prompt", "the sea").with("layer", 1).withOut(png),
            TestSupport.context("pytorch", data, new ByteArrayOutputStream()));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    assertEquals(2, report.data().get("heads"));
    List<?> heads = (List<?>) report.data().get("weights");
    for (Object head : heads) {
      List<?> rows = (List<?>) head;
      assertEquals(7, rows.size());
      for (int i = 0; i < rows.size(); i++) {
        List<?> row = (List<?>) rows.get(i);
        double sum = 0;
        for (int j = 0; j < row.size(); j++) {
          double w = (Double) row.get(j);
          sum += w;
          if (j > i) {
            assertEquals(0, w, 1e-6, "position " + i + " attends to the later " + j);
          }
        }
        assertEquals(1, sum, 1e-4);
      }
    }
  }

  @Test
  void theTrainingReportHasItsFigures() {
    assertTrue(trained.text().contains("bits per character"), trained.text());
    assertTrue(trained.text().contains("tokens/s"), trained.text());
    assertEquals(3, ((List<?>) trained.data().get("samples")).size());
  }
}
