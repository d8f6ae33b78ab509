package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-level BPE: learning, compression, exact round trips of any UTF-8 text, storage. */
class BytePairEncodingTest {

  private static final BytePairEncoding BPE =
      BytePairEncoding.train(Corpus.embedded().split(0.1).trainText(), 400);

  @Test
  void learnsMergesThatShortenEnglish() {
    assertEquals(400, BPE.size());
    String text = Corpus.embedded().split(0.1).validationText();
    int[] tokens = BPE.encode(text);
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(tokens.length < 0.6 * bytes, tokens.length + " tokens for " + bytes + " bytes");
    assertEquals(text, BPE.decode(tokens));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain ascii, with punctuation!?",
        "Grüße aus Köln — «quotes» and naïve café",
        "日本語のテキストと中文",
        "emoji 🙂🚀 and a ZWJ family 👨‍👩‍👧 and flags 🇫🇷",
        "combining e\u0301 and tabs\tand\nnewlines\r\n  double  spaces",
        "Ελληνικά, русский, עברית, العربية"
      })
  void roundTripsAnyText(String text) {
    int[] tokens = BPE.encode(text);
    assertEquals(text, BPE.decode(tokens));
    StringBuilder fromBytes = new StringBuilder();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int t : tokens) {
      out.writeBytes(BPE.bytes(t));
    }
    fromBytes.append(out.toString(StandardCharsets.UTF_8));
    assertEquals(text, fromBytes.toString());
  }

  @Test
  void roundTripsRandomCodePoints() {
    Random random = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(40);
      while (sb.codePointCount(0, sb.length()) < n) {
        int cp = random.nextInt(0x10FFFF + 1);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          continue; // surrogates are not characters; UTF-8 cannot hold them alone
        }
        sb.appendCodePoint(cp);
      }
      String text = sb.toString();
      assertEquals(text, BPE.decode(BPE.encode(text)), "trial " + trial);
    }
  }

  @Test
  void survivesStorage() {
    BytePairEncoding copy = BytePairEncoding.parse(BPE.serialise());
    String text = "The sea was calm; the ship sailed on.";
    assertArrayEquals(BPE.encode(text), copy.encode(text));
    assertEquals(BPE.size(), copy.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 256})
  void refusesAVocabularyWithoutRoomForMerges(int size) {
    ZooException e =
        assertThrows(ZooException.class, () -> BytePairEncoding.train("some text", size));
    assertTrue(e.getMessage().contains("more than 256"), e.getMessage());
  }

  @Test
  void refusesDamagedMerges() {
    assertThrows(ZooException.class, () -> BytePairEncoding.parse("zoo-bpe/1\n300 1\n"));
    assertThrows(ZooException.class, () -> BytePairEncoding.parse("something else"));
  }
}
