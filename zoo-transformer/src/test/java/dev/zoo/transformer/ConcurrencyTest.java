package dev.zoo.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.testing.Concurrency;
import dev.zoo.api.text.TokenSampler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One tiny seeded transformer language model (no pretrained one ships) called from 8 threads at
 * once generates from every seed the text it generates on one thread, and scores every text the
 * same, on PyTorch and on MXNet. A generation of 20 characters is 20 sequential steps with a
 * key-value cache of its own, so each thread makes 12 such calls (6 on MXNet) rather than 2,000:
 * enough to run every call against others many times while keeping the test within seconds.
 */
class ConcurrencyTest {

  private static final String[] PROMPTS = {"abc", "hello", "", "jig", "deaf"};

  @Test
  void eightThreadsGenerateAndScoreAsOne() throws Exception {
    check(TinyModels.random("pytorch", 12), 12);
  }

  @Test
  void eightThreadsGenerateAndScoreAsOneOnMxNet() throws Exception {
    check(TinyModels.random("mxnet", 12), 6);
  }

  private static void check(LanguageModel loaded, int calls) throws Exception {
    try (LanguageModel model = loaded) {
      long checked =
          Concurrency.assertSameAnswers(
              8,
              calls,
              16,
              i -> {
                String prompt = PROMPTS[i % PROMPTS.length];
                String text = model.generate(prompt, 20, new TokenSampler(0.8, 5, 1.0, i));
                return List.of(text, model.bitsPerCharacter((prompt + text).repeat(4)));
              });
      assertEquals(8L * calls, checked);
    }
  }
}
