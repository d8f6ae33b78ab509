package dev.zoo.transformer;

import dev.zoo.api.text.CharVocabulary;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** One token per character (Unicode code point) of a {@link CharVocabulary}. */
final class CharTokenizer implements Tokenizer {

  static final String KIND = "char";

  private final CharVocabulary vocabulary;

  CharTokenizer(CharVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int size() {
    return vocabulary.size();
  }

  @Override
  public int[] encode(String text, Consumer<String> warning) {
    return vocabulary.encode(text, warning);
  }

  @Override
  public byte[] bytes(int token) {
    return vocabulary.decode(token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(int[] tokens) {
    return vocabulary.decode(tokens);
  }

  @Override
  public String serialise() {
    return vocabulary.serialise();
  }
}
