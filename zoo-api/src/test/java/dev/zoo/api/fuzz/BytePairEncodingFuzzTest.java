package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.text.BytePairEncoding;
import dev.zoo.api.text.Tokenizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link BytePairEncoding#parse} through {@link Tokenizer#parse}, as a checkpoint's merges
 * are read, and then uses the tokenizer: every token's bytes, a round trip of its text form, and
 * encoding then decoding a sample text.
 *
 * <p>Input: a chunk with the merges' text, and the rest as the sample text (UTF-8).
 */
class BytePairEncodingFuzzTest {

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void parse(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    String merges = new String(in.chunk(), StandardCharsets.UTF_8);
    String sample = new String(in.rest(), StandardCharsets.UTF_8);
    Outcome.of(() -> Tokenizer.parse(BytePairEncoding.KIND, merges))
        .ifPresent(tokenizer -> check(tokenizer, sample));
  }

  private static void check(Tokenizer tokenizer, String sample) {
    assertEquals(BytePairEncoding.KIND, tokenizer.kind());
    assertTrue(tokenizer.size() >= BytePairEncoding.BYTES, "fewer tokens than bytes");
    for (int t = 0; t < tokenizer.size(); t++) {
      assertTrue(tokenizer.bytes(t).length > 0, "a token without bytes");
    }
    String text = tokenizer.serialise();
    assertEquals(text, Tokenizer.parse(BytePairEncoding.KIND, text).serialise(), "round trip");
    int[] tokens = tokenizer.encode(sample, warning -> {});
    for (int t : tokens) {
      assertTrue(t >= 0 && t < tokenizer.size(), "token " + t);
    }
    assertArrayEquals(
        sample.getBytes(StandardCharsets.UTF_8),
        tokenizer.decode(tokens).getBytes(StandardCharsets.UTF_8),
        "encoding then decoding changed the text");
  }
}
