package dev.zoo.transformer;

import dev.zoo.api.text.BytePairEncoding;
import java.util.function.Consumer;

/** Byte-level BPE tokens: every text encodes, nothing is ever dropped. */
final class BpeTokenizer implements Tokenizer {

  static final String KIND = "bpe";

  private final BytePairEncoding encoding;

  BpeTokenizer(BytePairEncoding encoding) {
    this.encoding = encoding;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int size() {
    return encoding.size();
  }

  @Override
  public int[] encode(String text, Consumer<String> warning) {
    return encoding.encode(text);
  }

  @Override
  public byte[] bytes(int token) {
    return encoding.bytes(token);
  }

  @Override
  public String decode(int[] tokens) {
    return encoding.decode(tokens);
  }

  @Override
  public String serialise() {
    return encoding.serialise();
  }
}
