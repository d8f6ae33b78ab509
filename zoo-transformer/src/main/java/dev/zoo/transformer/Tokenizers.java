package dev.zoo.transformer;

import dev.zoo.api.ZooException;
import dev.zoo.api.text.CharVocabulary;

/** Reads tokenizers back from checkpoints. */
final class Tokenizers {

  private Tokenizers() {}

  /** The tokenizer of {@code kind} that {@link Tokenizer#serialise()} wrote as {@code text}. */
  static Tokenizer parse(String kind, String text) {
    if (CharTokenizer.KIND.equals(kind)) {
      return new CharTokenizer(CharVocabulary.parse(text));
    }
    throw new ZooException("The checkpoint's tokenizer '" + kind + "' is unknown to this version.");
  }
}
