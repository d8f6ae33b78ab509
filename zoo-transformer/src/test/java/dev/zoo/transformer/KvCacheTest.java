package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.text.TokenSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding with the key/value cache gives the logits of a full recomputation. */
class KvCacheTest {

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void cachedStepsGiveTheLogitsOfAFullPass(String engine) {
    try (LanguageModel model = TinyModels.random(engine, 20)) {
      int[] tokens = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
      float[][] full = TinyModels.allLogits(model, tokens);
      try (KvCache cache = model.newCache()) {
        int prompt = 4;
        int[] start = java.util.Arrays.copyOf(tokens, prompt);
        assertArrayEquals(full[prompt - 1], model.prefill(cache, start), 1e-4f, "prefill");
        for (int t = prompt; t < tokens.length; t++) {
          float[] step = model.step(cache, tokens[t]);
          assertArrayEquals(full[t], step, 1e-4f, "step at position " + t);
          assertEquals(t + 1, cache.length());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void generationWithAndWithoutTheCacheAgrees(String engine) {
    try (LanguageModel model = TinyModels.random(engine, 20)) {
      // Longer than the context (48), so the cached decoder also refills its window.
      String cached =
          Decoder.generate(
                  model, "abc", 40, new TokenSampler(1.0, 0, 1.0, 9), s -> {}, s -> {}, true)
              .text();
      String recomputed =
          Decoder.generate(
                  model, "abc", 40, new TokenSampler(1.0, 0, 1.0, 9), s -> {}, s -> {}, false)
              .text();
      assertEquals(recomputed, cached);
      assertEquals(40, cached.length());
    }
  }
}
