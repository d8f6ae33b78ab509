package dev.zoo.rnn;

import dev.zoo.api.checkpoint.SavedModels;
import dev.zoo.api.text.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Wrote the legacy checkpoints of the RNN family, {@code src/test/resources/legacy/char-lstm} and
 * {@code lstm-forecast}, and their {@code expected.json}, which {@link LegacyCheckpointTest}
 * checks.
 *
 * <p>It was run ONCE, with the code at commit 04c3eed, and must NOT be run again after the code
 * changes: the point of the fixtures is to keep checkpoints written by that code, so that later
 * code is held to loading them. (It refuses to overwrite an existing fixture.) It is kept to
 * document where the fixtures came from; the test suite does not run it.
 *
 * <p>What it did: a {@code char-lstm} (embedding 8, one LSTM layer of 16, sequences of 16) over the
 * characters of the embedded corpus, trained on PyTorch with seed 42 for one epoch of 20 Adam steps
 * (320 windows, batch 16, learning rate 0.01, so that greedy text is more than noise); and an
 * {@code lstm-forecast} (one LSTM layer of 8, window 12, horizon 3) trained on MXNet with seed 42
 * for two Adam steps (batch 8) on the fixed series of {@link LegacyCheckpointTest#series()}. Each
 * fixture is the run directory's {@code checkpoint/} folder as training wrote it (parameters and
 * optimizer state). Then it loaded each copy, recorded the results on the engine that wrote it, and
 * printed how far the other engine's lie from them.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl zoo-rnn -am test-compile}: {@code java
 * -Dai.djl.offline=true -cp zoo-rnn/target/test-classes:zoo-rnn/target/classes:<test class path>
 * dev.zoo.rnn.LegacyCheckpointWriter zoo-rnn/src/test/resources/legacy}.
 */
public final class LegacyCheckpointWriter {

  private LegacyCheckpointWriter() {}

  /** Writes the fixtures into the folder {@code args[0]} (the module's {@code legacy} folder). */
  public static void main(String[] args) throws IOException {
    Path legacy = Path.of(args[0]);
    for (String variant :
        new String[] {LegacyCheckpointTest.CHAR_LSTM, LegacyCheckpointTest.LSTM_FORECAST}) {
      if (Files.exists(legacy.resolve(variant))) {
        throw new IllegalStateException(
            legacy.resolve(variant) + " exists: the legacy fixture is never rewritten.");
      }
    }
    writeLanguageModel(legacy.resolve(LegacyCheckpointTest.CHAR_LSTM));
    writeForecaster(legacy.resolve(LegacyCheckpointTest.LSTM_FORECAST));
  }

  private static void writeLanguageModel(Path target) throws IOException {
    Corpus corpus = Corpus.embedded();
    Path run = Files.createTempDirectory("legacy-char-lstm").resolve("run");
    try (CharLanguageModel model =
        CharLanguageModel.builder()
            .variant(LegacyCheckpointTest.CHAR_LSTM)
            .engine("pytorch")
            .seed(42)
            .vocabularyOf(corpus)
            .set("epochs", 1)
            .set("batch_size", 16)
            .set("learning_rate", 0.01)
            .set("schedule", "constant")
            .set("seq_len", 16)
            .set("epoch_windows", 320)
            .set("eval_windows", 8)
            .set("embedding", 8)
            .set("hidden", 16)
            .set("layers", 1)
            .set("dropout", 0.0)
            .build()) {
      model.fit(corpus, run);
    }
    copyFiles(run.resolve("checkpoint"), target);
    LegacyExpected.Values values;
    try (CharLanguageModel model = CharLanguageModel.load(target, "pytorch")) {
      values = LegacyCheckpointTest.measure(model);
    }
    Map<String, Object> about = about("pytorch");
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after one epoch of 20 Adam steps (320 windows of 16"
            + " characters, batch 16, learning rate 0.01) on the embedded corpus; embedding 8,"
            + " 1 LSTM layer of 16, seed 42");
    about.put(
        "inputs",
        "the sentence '"
            + LegacyCheckpointTest.SENTENCE
            + "'; 20 characters after the prompt '"
            + LegacyCheckpointTest.PROMPT
            + "', greedy (top-k 1) and sampled (temperature 1, seed 7)");
    about.put("values", "bits per character of the sentence; the two generated texts");
    LegacyExpected.write(target, about, values);
    try (CharLanguageModel model = CharLanguageModel.load(target, "mxnet")) {
      LegacyExpected.Values other = LegacyCheckpointTest.measure(model);
      System.out.printf(
          "char-lstm on mxnet: worst deviation %.3g, texts %s%n",
          LegacyExpected.worstDeviation(values.asMap(), other),
          other.asMap().get("generate.greedy20").equals(values.asMap().get("generate.greedy20"))
                  && other
                      .asMap()
                      .get("generate.seed7.20")
                      .equals(values.asMap().get("generate.seed7.20"))
              ? "equal"
              : "DIFFERENT: " + other.asMap());
    }
  }

  private static void writeForecaster(Path target) throws IOException {
    Path run = Files.createTempDirectory("legacy-lstm-forecast").resolve("run");
    try (SeriesForecaster model =
        SeriesForecaster.builder()
            .engine("mxnet")
            .seed(42)
            .set("steps", 2)
            .set("batch_size", 8)
            .set("window", 12)
            .set("horizon", 3)
            .set("hidden", 8)
            .set("layers", 1)
            .build()) {
      model.fit(LegacyCheckpointTest.series(), run);
    }
    copyFiles(run.resolve("checkpoint"), target);
    LegacyExpected.Values values;
    try (SeriesForecaster model = load(target, "mxnet")) {
      values = LegacyCheckpointTest.measure(model);
    }
    Map<String, Object> about = about("mxnet");
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after 2 Adam steps (batch 8) on the fixed series;"
            + " 1 LSTM layer of 8, window 12, horizon 3, seed 42");
    about.put(
        "inputs",
        "the 120-value series 20 + 0.05t + 3 sin(2 pi t / 12) + cos(0.7t), column 'value'");
    about.put(
        "values",
        "forecast of the next 3 values after it; errors on its last 20% and first8/sum/sum_sq of"
            + " the forecasts there");
    LegacyExpected.write(target, about, values);
    try (SeriesForecaster model = load(target, "pytorch")) {
      System.out.printf(
          "lstm-forecast on pytorch: worst deviation %.3g%n",
          LegacyExpected.worstDeviation(values.asMap(), LegacyCheckpointTest.measure(model)));
    }
  }

  private static SeriesForecaster load(Path checkpoint, String engine) {
    return SavedModels.load(new RnnFamily(), checkpoint, engine, SeriesForecaster::load);
  }

  private static Map<String, Object> about(String engine) {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("written_by", LegacyCheckpointWriter.class.getName());
    about.put("code", "commit 04c3eed");
    about.put("engine", engine);
    return about;
  }

  /** Copies the files of {@code from} into a new folder {@code to}. */
  static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }
}
