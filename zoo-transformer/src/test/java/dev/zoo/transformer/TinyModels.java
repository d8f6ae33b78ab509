package dev.zoo.transformer;

import ai.djl.ndarray.NDManager;
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
    return LanguageModel.builder()
        .variant(TransformerFamily.CHAR_GPT)
        .setAll(TestSupport.TINY)
        .engine(engine)
        .seed(5)
        .tokenizer(CharVocabulary.of(chars.toString()))
        .build();
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
