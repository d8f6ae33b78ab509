package dev.zoo.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.testing.ModelJar;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TokenSampler;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A character LSTM served as a pretrained model through DJL's own API: {@code Criteria} to {@code
 * ZooModel} to {@code Predictor<String, String>}, with the same text as {@link
 * CharLanguageModel#generate} for the same sampling.
 */
class DjlCriteriaTest {

  private static final String NAME = "fortunes/char-lstm";

  @TempDir static Path dir;
  private static Path checkpoint;

  @BeforeAll
  static void shipAModel() throws Exception {
    try (CharLanguageModel model =
        CharLanguageModel.builder()
            .variant("char-lstm")
            .engine("pytorch")
            .vocabularyFrom(Corpus.embedded())
            .setAll(RnnTests.TINY)
            .seed(5)
            .build()) {
      checkpoint = model.save(dir.resolve("run"));
    }
    ModelJar.serveToDjl(dir, NAME, "rnn", "char-lstm", checkpoint);
  }

  @AfterAll
  static void restoreTheClassPathZoo() {
    ModelJar.restoreDjlZoo();
  }

  private static Criteria<String, String> criteria(String engine, int length, long seed) {
    return Criteria.builder()
        .setTypes(String.class, String.class)
        .optGroupId("dev.zoo")
        .optArtifactId(NAME)
        .optEngine(engine)
        .optArgument("length", length)
        .optArgument("temperature", "0.8")
        .optArgument("top_k", 20)
        .optArgument("seed", seed)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void aPredictorContinuesThePromptAsTheFamilyDoes(String engine) throws Exception {
    try (ZooModel<String, String> model = criteria(engine, 90, 7).loadModel();
        Predictor<String, String> predictor = model.newPredictor();
        CharLanguageModel own =
            CharLanguageModel.load(checkpoint, engine.toLowerCase(Locale.ROOT))) {
      String text = predictor.predict("The ");
      assertEquals(90, text.codePointCount(0, text.length()));
      assertEquals(own.generate("The ", 90, new TokenSampler(0.8, 20, 1.0, 7)), text);
      assertEquals(text, predictor.predict("The "), "every prediction starts from the seed");
      assertEquals(own.generate("", 90, new TokenSampler(0.8, 20, 1.0, 7)), predictor.predict(""));
    }
    try (ZooModel<String, String> model = criteria(engine, 90, 8).loadModel();
        Predictor<String, String> predictor = model.newPredictor();
        CharLanguageModel own =
            CharLanguageModel.load(checkpoint, engine.toLowerCase(Locale.ROOT))) {
      String other = predictor.predict("The ");
      assertEquals(own.generate("The ", 90, new TokenSampler(0.8, 20, 1.0, 8)), other);
      assertNotEquals(own.generate("The ", 90, new TokenSampler(0.8, 20, 1.0, 7)), other);
    }
  }

  @Test
  void aLengthBelowOneIsRefused() {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> criteria("PyTorch", 0, 7).loadModel());
    assertEquals("Length must be a positive number, not 0.", e.getMessage());
  }
}
