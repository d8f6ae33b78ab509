package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link CharVocabulary#parse} and {@link Tokenizer#parse} of a character vocabulary (or of
 * an unknown kind), as a checkpoint's vocabulary is read, and then uses the vocabulary: every
 * character decodes and encodes back to its index, the text form survives a round trip, and a
 * sample text encodes with unknown characters reported.
 *
 * <p>Input: a byte for the kind ({@code char}, or rarely an unknown kind), a chunk with the
 * vocabulary's text, and the rest as the sample text (UTF-8).
 */
class CharVocabularyFuzzTest {
  private static final List<String> KINDS = List.of(CharVocabulary.KIND, "Char", "", "words");

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void parse(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    int kind = in.u8();
    String text = new String(in.chunk(), StandardCharsets.UTF_8);
    String sample = new String(in.rest(), StandardCharsets.UTF_8);
    Outcome.of(
            () ->
                kind < 252
                    ? CharVocabulary.parse(text)
                    : Tokenizer.parse(KINDS.get(kind & 3), text))
        .ifPresent(tokenizer -> check((CharVocabulary) tokenizer, sample));
  }

  private static void check(CharVocabulary vocabulary, String sample) {
    assertTrue(vocabulary.size() > 0, "an empty vocabulary");
    for (int i = 0; i < vocabulary.size(); i++) {
      String character = vocabulary.decode(i);
      assertArrayEquals(new int[] {i}, vocabulary.encode(character), "character " + i);
      assertArrayEquals(character.getBytes(StandardCharsets.UTF_8), vocabulary.bytes(i));
    }
    String text = vocabulary.serialise();
    assertEquals(text, Tokenizer.parse(CharVocabulary.KIND, text).serialise(), "round trip");
    StringBuilder warnings = new StringBuilder();
    int[] tokens = vocabulary.encode(sample, warnings::append);
    for (int t : tokens) {
      assertTrue(t >= 0 && t < vocabulary.size(), "token " + t);
    }
    assertEquals(
        tokens.length < sample.codePointCount(0, sample.length()),
        warnings.length() > 0,
        "unknown characters dropped without a warning, or a warning without one");
    Outcome.of(() -> vocabulary.encode(sample));
  }
}
