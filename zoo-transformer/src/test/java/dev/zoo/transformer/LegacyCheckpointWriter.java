package dev.zoo.transformer;

import dev.zoo.api.text.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Wrote the legacy checkpoints of the transformer family, {@code
 * src/test/resources/legacy/char-gpt}, {@code bpe-gpt} and {@code text-classifier}, and their
 * {@code expected.json}, which {@link LegacyCheckpointTest} checks.
 *
 * <p>It was run ONCE, with the code at commit 04c3eed, and must NOT be run again after the code
 * changes: the point of the fixtures is to keep checkpoints written by that code, so that later
 * code is held to loading them. (It refuses to overwrite an existing fixture.) It is kept to
 * document where the fixtures came from; the test suite does not run it.
 *
 * <p>What it did: three tiny transformers (1 block, 2 heads, width 16, feed-forward 32, no
 * dropout), each trained with seed 42 for 20 AdamW steps (batch 16, learning rate 0.003, 2 warm-up
 * steps) on the embedded corpus: a {@code char-gpt} (context 16) on PyTorch, a {@code bpe-gpt}
 * (context 16, {@code vocab_size} 288) on MXNet, and a {@code text-classifier} (context 32) of its
 * five topics on PyTorch. Each fixture is the run directory's {@code checkpoint/} folder as
 * training wrote it (parameters, tokenizer and optimizer state). Then it loaded each copy, recorded
 * the results on the engine that wrote it, and printed how far the other engine's lie from them.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl zoo-transformer -am test-compile}: {@code
 * java -Dai.djl.offline=true -cp
 * zoo-transformer/target/test-classes:zoo-transformer/target/classes:<test class path>
 * dev.zoo.transformer.LegacyCheckpointWriter zoo-transformer/src/test/resources/legacy}.
 */
public final class LegacyCheckpointWriter {

  private LegacyCheckpointWriter() {}

  /** Writes the fixtures into the folder {@code args[0]} (the module's {@code legacy} folder). */
  public static void main(String[] args) throws IOException {
    Path legacy = Path.of(args[0]);
    String[] variants = {
      LegacyCheckpointTest.CHAR_GPT,
      LegacyCheckpointTest.BPE_GPT,
      LegacyCheckpointTest.TEXT_CLASSIFIER
    };
    for (String variant : variants) {
      if (Files.exists(legacy.resolve(variant))) {
        throw new IllegalStateException(
            legacy.resolve(variant) + " exists: the legacy fixture is never rewritten.");
      }
    }
    Corpus corpus = Corpus.embedded();
    writeLanguageModel(legacy, LegacyCheckpointTest.CHAR_GPT, "pytorch", "mxnet", corpus);
    writeLanguageModel(legacy, LegacyCheckpointTest.BPE_GPT, "mxnet", "pytorch", corpus);
    writeClassifier(legacy, corpus);
  }

  private static void writeLanguageModel(
      Path legacy, String variant, String engine, String other, Corpus corpus) throws IOException {
    Path target = legacy.resolve(variant);
    Path run = Files.createTempDirectory("legacy-" + variant).resolve("run");
    LanguageModel.Builder builder = tiny(LanguageModel.builder().variant(variant), engine, 16);
    if (variant.equals(LegacyCheckpointTest.BPE_GPT)) {
      builder.set("vocab_size", 288);
    }
    try (LanguageModel model = builder.build(corpus)) {
      model.fit(corpus, run);
    }
    copyFiles(run.resolve("checkpoint"), target);
    LegacyExpected.Values values;
    try (LanguageModel model = LanguageModel.load(target, engine)) {
      values = LegacyCheckpointTest.measure(model);
    }
    Map<String, Object> about = about(engine);
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after 20 AdamW steps (batch 16) on the embedded corpus;"
            + " 1 block, 2 heads, width 16, ff 32, context 16"
            + (variant.equals(LegacyCheckpointTest.BPE_GPT) ? ", vocab_size 288" : "")
            + ", seed 42");
    about.put(
        "inputs",
        "the sentence '"
            + LegacyCheckpointTest.SENTENCE
            + "'; 20 tokens after the prompt '"
            + LegacyCheckpointTest.PROMPT
            + "', greedy (top-k 1) and sampled (temperature 1, seed 7)");
    about.put("values", "bits per character of the sentence; the two generated texts");
    LegacyExpected.write(target, about, values);
    try (LanguageModel model = LanguageModel.load(target, other)) {
      report(variant, other, values, LegacyCheckpointTest.measure(model));
    }
  }

  private static void writeClassifier(Path legacy, Corpus corpus) throws IOException {
    String variant = LegacyCheckpointTest.TEXT_CLASSIFIER;
    Path target = legacy.resolve(variant);
    Path run = Files.createTempDirectory("legacy-" + variant).resolve("run");
    try (TextClassifier model =
        tiny(TextClassifier.builder(), "pytorch", 32).build(corpus.records())) {
      model.fit(corpus.records(), run);
    }
    copyFiles(run.resolve("checkpoint"), target);
    LegacyExpected.Values values;
    try (TextClassifier model = TextClassifier.load(target, "pytorch")) {
      values = LegacyCheckpointTest.measure(model);
    }
    Map<String, Object> about = about("pytorch");
    about.put(
        "checkpoint",
        "the run directory's checkpoint/ after 20 AdamW steps (batch 16) on the topics of the"
            + " embedded corpus (nine in ten records); 1 block, 2 heads, width 16, ff 32, context"
            + " 32, seed 42");
    about.put("inputs", "the texts " + LegacyCheckpointTest.TEXTS);
    about.put("values", "softmax probabilities of each label of each text, in label order");
    LegacyExpected.write(target, about, values);
    try (TextClassifier model = TextClassifier.load(target, "mxnet")) {
      report(variant, "mxnet", values, LegacyCheckpointTest.measure(model));
    }
  }

  /** The tiny settings shared by the three models. */
  private static <B extends dev.zoo.api.ModelBuilder<B>> B tiny(
      B builder, String engine, int context) {
    return builder
        .engine(engine)
        .seed(42)
        .set("steps", 20)
        .set("batch_size", 16)
        .set("learning_rate", 0.003)
        .set("warmup_steps", 2)
        .set("layers", 1)
        .set("heads", 2)
        .set("width", 16)
        .set("ff", 32)
        .set("context", context)
        .set("dropout", 0.0);
  }

  private static void report(
      String variant, String engine, LegacyExpected.Values expected, LegacyExpected.Values got) {
    Function<String, Object> want = expected.asMap()::get;
    boolean textsEqual =
        got.asMap().entrySet().stream()
            .filter(e -> e.getValue() instanceof String)
            .allMatch(e -> e.getValue().equals(want.apply(e.getKey())));
    System.out.printf(
        "%s on %s: worst deviation %.3g, texts %s%n",
        variant,
        engine,
        LegacyExpected.worstDeviation(expected.asMap(), got),
        textsEqual ? "equal" : "DIFFERENT: " + got.asMap());
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
