package dev.zoo.api;

import dev.zoo.api.text.TokenSampler;

/**
 * The options of {@code zoo generate} for language models, read and checked before anything is
 * loaded: the prompt, how many characters or tokens to generate, and how to sample them.
 *
 * @param prompt the text to continue; may be empty
 * @param length how many characters or tokens to generate, at least 1
 * @param sampler temperature, top-k, top-p and the seed
 */
public record TextSampling(String prompt, int length, TokenSampler sampler) {

  /**
   * Reads {@code --prompt}, {@code --length}, {@code --temperature}, {@code --top-k} and {@code
   * --top-p} from {@code request}, refusing any other option.
   *
   * @param what the model, for messages, e.g. {@code "a language model"}
   * @param defaultLength the length when none is given
   * @param seed the seed of the sampling
   * @throws dev.zoo.api.common.InvalidSettingException for a value out of range or an option that
   *     does not apply
   */
  public static TextSampling from(ModelRequest request, String what, int defaultLength, long seed) {
    request.allowOnly(
        what + ", which generates text", "prompt", "length", "temperature", "top_k", "top_p");
    int length = request.positiveInt("length", defaultLength);
    double temperature = request.number("temperature", 1.0, 0, Double.POSITIVE_INFINITY);
    int topK = request.has("top_k") ? request.positiveInt("top_k", 0) : 0;
    double topP = request.number("top_p", 1.0, 0, 1);
    return new TextSampling(
        request.text("prompt", ""), length, new TokenSampler(temperature, topK, topP, seed));
  }
}
