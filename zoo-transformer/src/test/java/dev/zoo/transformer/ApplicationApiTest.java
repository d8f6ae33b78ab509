package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.Task;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family as an application and the command line see it: builders that take their vocabulary and
 * labels from a corpus, {@code fit} on training and validation corpora, save and load, and the
 * family's variants, options and renamed hyper-parameters.
 */
class ApplicationApiTest {

  @TempDir Path dir;

  private static final FitOptions QUIET = FitOptions.defaults().withListener(TrainingListener.NONE);

  @Test
  void aLanguageModelTrainsOnTwoCorporaAndLoadsAgain() {
    Corpus corpus = Corpus.embedded();
    LanguageData.Parts parts = LanguageData.Parts.of(corpus);
    Path run = dir.resolve("run");
    double bpc;
    try (LanguageModel model =
        LanguageModel.builder()
            .engine("pytorch")
            .setAll(TestSupport.TINY)
            .set("steps", 6)
            .vocabularyFrom(corpus)
            .build()) {
      assertEquals(corpus.text().codePoints().distinct().count(), model.tokenizer().size());
      TrainingSummary summary = model.fit(parts.train(), parts.validation(), run, QUIET);
      assertEquals(1, summary.completedEpochs());
      assertEquals(1, model.trainedEpochs());
      assertEquals(corpus.origin(), model.provenance().data());
      bpc = model.bitsPerCharacter(parts.validation().text());
      model.save(dir.resolve("saved"));
    }
    assertTrue(Files.isRegularFile(run.resolve("checkpoint").resolve(TokenizerFile.FILE)));
    for (Path saved : List.of(run, dir.resolve("saved"))) {
      try (LanguageModel model = LanguageModel.load(saved, "mxnet")) {
        assertEquals(bpc, model.bitsPerCharacter(parts.validation().text()), 1e-4);
        assertEquals("char", Checkpoint.open(saved, "transformer").info().extra().get("tokenizer"));
      }
    }
  }

  @Test
  void buildersNeedAVocabularyAndTwoLabels() {
    TestSupport.assertRefused(
        () -> LanguageModel.builder().engine("pytorch").build(), "needs a vocabulary");
    TestSupport.assertRefused(
        () -> LanguageModel.builder().variant("text-classifier").build(), "not a language model");
    TestSupport.assertRefused(
        () -> TextClassifier.builder().variant("char-gpt").build(), "not a classifier");
    TestSupport.assertRefused(
        () ->
            TextClassifier.builder()
                .vocabularyFrom(Corpus.embedded())
                .labels(List.of("sea"))
                .build(),
        "at least two labels");
    TestSupport.assertRefused(
        () -> LanguageModel.builder().set("heads", 3).vocabularyFrom(Corpus.embedded()).build(),
        "multiple of the number of heads");
  }

  @Test
  void aClassifierTakesItsLabelsFromTheCorpus() {
    Corpus corpus = Corpus.embedded();
    try (TextClassifier model =
        TextClassifier.builder()
            .engine("pytorch")
            .setAll(TestSupport.TINY)
            .vocabularyFrom(corpus)
            .build()) {
      assertEquals(corpus.labels(), model.labels());
      assertEquals("48", model.hyperparameters().get("context"));
      assertEquals(5, model.predict("The sea was calm.", 9).size());
    }
  }

  @Test
  void theFamilyDescribesItsVariantsAndOptions() {
    TransformerFamily family = new TransformerFamily();
    assertEquals(Task.TEXT_GENERATION, family.variant("char-gpt").task());
    assertEquals(Task.TEXT_GENERATION, family.variant("bpe-gpt").task());
    assertEquals(Task.TEXT_CLASSIFICATION, family.variant("text-classifier").task());
    assertEquals(Map.of("width", "d_model", "ff", "d_ff"), family.renamedHyperparameters());
    for (String variant : List.of("char-gpt", "bpe-gpt", "text-classifier")) {
      Map<String, String> defaults = family.variant(variant).defaults().asMap();
      assertEquals("adamw", defaults.get("optimizer"), variant);
      assertEquals("cosine", defaults.get("schedule"), variant);
      assertFalse(defaults.containsKey("width") || defaults.containsKey("ff"), variant);
    }
    FamilyOption layer =
        family.options().stream().filter(o -> o.key().equals("layer")).findFirst().orElseThrow();
    assertEquals("--layer", layer.flag());
    assertTrue(layer.appliesTo("attention") && !layer.appliesTo("generate"));
    for (String key : List.of("prompt", "length", "temperature", "top_k", "top_p")) {
      assertTrue(
          family.options().stream().anyMatch(o -> o.key().equals(key) && o.appliesTo("generate")),
          key);
    }
  }
}
