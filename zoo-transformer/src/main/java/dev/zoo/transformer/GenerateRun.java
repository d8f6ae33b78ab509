package dev.zoo.transformer;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.TextSampling;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.model.ModelLoader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo generate transformer}: continues a prompt with a language model, streaming the text to
 * standard output as it is sampled (unless the report is JSON), with the key/value cache.
 */
final class GenerateRun {

  /** Tokens generated when {@code --length} is not given. */
  static final int DEFAULT_LENGTH = 400;

  /** The family's sampling when an option is not given: temperature, top-k, top-p. */
  private static final Map<String, Object> SAMPLING_DEFAULTS =
      Map.of("temperature", 0.8, "top_k", 40, "top_p", 0.9);

  private static final String WHAT = "a transformer language model";

  private GenerateRun() {}

  /**
   * Generates as {@code request} says.
   *
   * @throws InvalidSettingException for a sampling value out of range or an option that does not
   *     apply, before anything is loaded
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family or holds the classifier
   */
  static Report run(TransformerFamily family, ModelRequest request, RunContext context) {
    ModelRequest withDefaults = request;
    for (Map.Entry<String, Object> e : SAMPLING_DEFAULTS.entrySet()) {
      if (!request.has(e.getKey())) {
        withDefaults = withDefaults.with(e.getKey(), e.getValue());
      }
    }
    TextSampling sampling = TextSampling.from(withDefaults, WHAT, DEFAULT_LENGTH, context.seed());
    if (request.out() != null) {
      throw new InvalidSettingException(
          "--out does not apply to " + WHAT + ", which prints the text it generates.");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), TransformerFamily.NAME);
    TransformerFamily.requireLanguageModel(cp);
    String prompt = sampling.prompt();
    try (LanguageModel model =
        LanguageModel.open(cp, ModelLoader.description(family, cp, context))) {
      context.textStream().accept(prompt);
      Decoder.Generation g =
          Decoder.generate(
              model,
              prompt,
              sampling.length(),
              sampling.sampler(),
              context.textStream(),
              notice -> context.log().println("Note: " + notice),
              true);
      context
          .log()
          .printf(
              Locale.ROOT,
              "%nGenerated %d tokens in %.2f s (%.0f tokens/s).%n",
              g.tokens(),
              g.seconds(),
              g.tokensPerSecond());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("prompt", prompt);
      json.put("text", g.text());
      json.put("tokens", g.tokens());
      json.put("tokens_per_s", g.tokensPerSecond());
      json.put("variant", model.variant());
      json.put("engine", model.engine().backend().name());
      return new Report(context.json() ? prompt + g.text() : "", json);
    }
  }
}
