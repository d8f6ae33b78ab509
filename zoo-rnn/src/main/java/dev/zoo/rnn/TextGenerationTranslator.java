package dev.zoo.rnn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.api.text.Tokenizer;

/**
 * Translates a prompt for a character language model: its tokens {@code (1, T)} go through DJL's
 * predictor, which runs the network once over the prompt; then {@link
 * RecurrentGeneration#continueFrom} draws {@code length} characters from the last position's
 * logits, carrying the recurrent state forward one character at a time, exactly as {@link
 * CharLanguageModel#generate} does. Not batched: one prompt per prediction.
 */
final class TextGenerationTranslator implements NoBatchifyTranslator<String, String> {

  /**
   * How the characters are drawn; see {@link TokenSampler}.
   *
   * @param temperature divides the logits, above 0
   * @param topK keep the k likeliest characters only; 0 keeps all
   * @param topP keep the smallest set whose probability reaches p, in (0, 1]
   * @param seed the seed every prediction starts from
   */
  record Sampling(double temperature, int topK, double topP, long seed) {

    /**
     * A new sampler at the seed.
     *
     * @throws dev.zoo.api.common.InvalidDataException when a value is out of its range
     */
    TokenSampler sampler() {
      return new TokenSampler(temperature, topK, topP, seed);
    }
  }

  private final Tokenizer tokenizer;
  private final int length;
  private final Sampling sampling;

  TextGenerationTranslator(Tokenizer tokenizer, int length, Sampling sampling) {
    this.tokenizer = tokenizer;
    this.length = length;
    this.sampling = sampling;
  }

  /** The prompt's characters in the vocabulary (others skipped), else a line break. */
  @Override
  public NDList processInput(TranslatorContext ctx, String prompt) {
    int[] tokens = CharLanguageModel.promptTokens(tokenizer, prompt, skipped -> {});
    return new NDList(RecurrentGeneration.tokens(ctx.getNDManager(), tokens, 1, tokens.length));
  }

  @Override
  public String processOutput(TranslatorContext ctx, NDList prompt) {
    StringBuilder text = new StringBuilder();
    try (NDManager generation = ctx.getNDManager().newSubManager()) {
      RecurrentGeneration.continueFrom(
          ctx.getBlock(),
          generation,
          prompt,
          length,
          sampling.sampler(),
          next -> text.append(tokenizer.decode(new int[] {next})));
    }
    return text.toString();
  }
}
