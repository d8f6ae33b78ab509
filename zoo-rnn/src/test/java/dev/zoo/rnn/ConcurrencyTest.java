package dev.zoo.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zoo.api.pretrained.PretrainedModels;
import dev.zoo.api.testing.Concurrency;
import dev.zoo.api.text.TokenSampler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One loaded character language model called from 8 threads at once generates from every seed the
 * text it generates on one thread, and scores every text the same, on PyTorch and on MXNet. A
 * generation of 20 characters is 20 sequential steps of a 2-layer LSTM of 256 units, and scoring
 * reads 120 characters, so each thread makes 8 such calls (6 on MXNet) rather than 2,000: enough to
 * run every call against others many times while keeping the test within seconds.
 */
class ConcurrencyTest {

  private static final String NAME = "fortunes/char-lstm";
  private static final String[] PROMPTS = {"The ", "A man ", "You will ", "Love ", ""};

  @Test
  void eightThreadsGenerateAndScoreAsOne() throws Exception {
    check(CharLanguageModel.pretrained(NAME), 8);
  }

  @Test
  void eightThreadsGenerateAndScoreAsOneOnMxNet() throws Exception {
    check(
        CharLanguageModel.load(PretrainedModels.onClassPath().checkpoint(NAME, "rnn"), "mxnet"), 6);
  }

  private static void check(CharLanguageModel loaded, int calls) throws Exception {
    try (CharLanguageModel model = loaded) {
      long checked =
          Concurrency.assertSameAnswers(
              8,
              calls,
              16,
              i -> {
                String prompt = PROMPTS[i % PROMPTS.length];
                String text = model.generate(prompt, 20, new TokenSampler(0.8, 20, 1.0, i));
                return List.of(text, model.bitsPerCharacter((prompt + text).repeat(6)));
              });
      assertEquals(8L * calls, checked);
    }
  }
}
