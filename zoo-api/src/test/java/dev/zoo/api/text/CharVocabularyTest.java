package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Character vocabularies, unknown characters and the unigram baseline. */
class CharVocabularyTest {

  @Test
  void encodesDecodesAndSurvivesSerialisation() {
    CharVocabulary v = CharVocabulary.of("hello, wörld 🙂");
    int[] codes = v.encode("wörld 🙂");
    assertEquals("wörld 🙂", v.decode(codes));
    CharVocabulary back = CharVocabulary.parse(v.serialise());
    assertEquals(v.size(), back.size());
    assertArrayEquals(codes, back.encode("wörld 🙂"));
  }

  @Test
  void dropsUnknownCharactersWithOneWarning() {
    CharVocabulary v = CharVocabulary.of("abc ");
    List<String> warnings = new ArrayList<>();
    int[] codes = v.encode("a Zb\tZ", warnings::add);
    assertEquals("a b", v.decode(codes));
    assertEquals(List.of("skipped 2 character(s) the model has never seen: U+0009 'Z'."), warnings);
  }

  @Test
  void unigramBaselineIsTheCrossEntropyOfCharacterFrequencies() {
    CharVocabulary v = CharVocabulary.of("ab");
    int[] train = v.encode("aaab"); // counts with add-one: a 4, b 2
    double bits = v.unigramBits(train, v.encode("ab"));
    double expected = (-Math.log(4 / 6.0) - Math.log(2 / 6.0)) / Math.log(2) / 2;
    assertEquals(expected, bits, 1e-12);
    assertTrue(bits > 0);
  }
}
