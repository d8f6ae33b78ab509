package dev.zoo.api.text;

import dev.zoo.api.common.CheckpointException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Maps text to a language model's token indices and back; the same interface for every text family.
 * Tokens decode to bytes so that a stream of sampled tokens can be turned into text as soon as each
 * character is complete. Two kinds exist: characters ({@link CharVocabulary}) and byte-level
 * byte-pair encoding ({@link BytePairEncoding}).
 */
public interface Tokenizer {

  /** The kind stored in checkpoints: {@code char} or {@code bpe}. */
  String kind();

  /** The number of tokens, the size of a model's input and output layers. */
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

  /** The tokenizer as text for a checkpoint; {@link #parse} reads it back. */
  String serialise();

  /**
   * The tokenizer of {@code kind} that {@link #serialise()} wrote as {@code text}.
   *
   * @throws CheckpointException for an unknown kind or text that is not a tokenizer of the kind
   */
  static Tokenizer parse(String kind, String text) {
    if (CharVocabulary.KIND.equals(kind)) {
      return CharVocabulary.parse(text);
    }
    if (BytePairEncoding.KIND.equals(kind)) {
      return BytePairEncoding.parse(text);
    }
    throw new CheckpointException(
        "The checkpoint's tokenizer '" + kind + "' is unknown to this version of the zoo.");
  }
}
