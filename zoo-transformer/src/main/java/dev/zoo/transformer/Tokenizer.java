package dev.zoo.transformer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Maps text to the token indices of a model and back. Tokens decode to bytes so that a stream of
 * tokens can be turned into text as soon as each character is complete, whatever the tokenizer.
 */
public interface Tokenizer {

  /** The kind stored in checkpoints: {@code char} or {@code bpe}. */
  String kind();

  /** The number of tokens. */
  int size();

  /**
   * Encodes text; characters the tokenizer cannot represent are dropped and {@code warning} gets
   * one sentence naming them.
   */
  int[] encode(String text, Consumer<String> warning);

  /** The UTF-8 bytes one token stands for. */
  byte[] bytes(int token);

  /** The text of a token sequence (invalid UTF-8, possible from sampled tokens, is replaced). */
  default String decode(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int t : tokens) {
      out.writeBytes(bytes(t));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The tokenizer as text for a checkpoint; {@link Tokenizers#parse} reads it back. */
  String serialise();
}
