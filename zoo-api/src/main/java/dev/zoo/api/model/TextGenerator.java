package dev.zoo.api.model;

import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;
import java.util.function.Consumer;

/** A language model: the recurrent and the transformer families' text generators. */
public interface TextGenerator {

  /** The tokenizer that maps text to the model's tokens and back. */
  Tokenizer tokenizer();

  /**
   * Continues {@code prompt} by {@code length} tokens drawn by {@code sampler}, handing each piece
   * of text to {@code stream} as soon as its characters are complete.
   *
   * @return the generated text, without the prompt
   * @throws dev.zoo.api.common.InvalidSettingException when {@code length} is not positive
   */
  String generate(String prompt, int length, TokenSampler sampler, Consumer<String> stream);

  /** {@link #generate(String, int, TokenSampler, Consumer)} without streaming. */
  default String generate(String prompt, int length, TokenSampler sampler) {
    return generate(prompt, length, sampler, s -> {});
  }

  /**
   * The model's cross-entropy on {@code text}, in bits per character (total bits over the text's
   * characters, whatever the tokens).
   *
   * @throws dev.zoo.api.common.InvalidDataException when the text is too short to score
   */
  double bitsPerCharacter(String text);
}
