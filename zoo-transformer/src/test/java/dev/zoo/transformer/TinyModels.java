package dev.zoo.transformer;

import ai.djl.ndarray.NDManager;
import dev.zoo.api.Zoo;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.text.CharVocabulary;

/** Untrained tiny language models for tests of the network's arithmetic. */
final class TinyModels {

  private TinyModels() {}

  /** A tiny untrained char-gpt over {@code vocabulary} characters on {@code engine}. */
  static LanguageModel random(String engine, int vocabulary) {
    StringBuilder chars = new StringBuilder();
    for (int i = 0; i < vocabulary; i++) {
      chars.append((char) ('a' + i));
    }
    TransformerFamily family = new TransformerFamily();
    Hyperparameters hp =
        family.variant(TransformerFamily.CHAR_GPT).defaults().with(TestSupport.TINY);
    EngineChoice choice =
        Zoo.discover()
            .selector()
            .choose("test", family.needs(TransformerFamily.CHAR_GPT), engine, null);
    return new LanguageModel(
        TransformerFamily.CHAR_GPT,
        hp,
        new CharTokenizer(CharVocabulary.of(chars.toString())),
        choice,
        5);
  }

  /** The next-token logits at every position of {@code tokens}, computed in one pass. */
  static float[][] allLogits(LanguageModel model, int[] tokens) {
    int v = model.tokenizer().size();
    try (NDManager scope = model.manager().newSubManager()) {
      float[] flat = model.forward(scope, tokens, 1, tokens.length, false).toFloatArray();
      float[][] out = new float[tokens.length][v];
      for (int t = 0; t < tokens.length; t++) {
        System.arraycopy(flat, t * v, out[t], 0, v);
      }
      return out;
    }
  }
}
