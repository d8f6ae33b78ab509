package dev.zoo.transformer;

import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.image.HeatMapGrid;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo attention transformer}: draws the attention weights of every head of one layer of a
 * language model over a prompt as a PNG of heat maps (rows attend to columns), and reports them.
 */
final class AttentionRun {

  private AttentionRun() {}

  /**
   * Draws the attention {@code request} asks for: {@code --prompt} (required), {@code --layer}
   * (counted from 1; default the last) and {@code --out} (a PNG file; default {@code
   * attention.png}).
   *
   * @throws InvalidSettingException for a missing prompt, a layer the model does not have, an
   *     output that is not a PNG file or an option that does not apply, before anything is loaded
   * @throws InvalidDataException when the prompt has no character the model knows
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted, of
   *     another family or holds the classifier
   */
  static Report run(TransformerFamily family, ModelRequest request, RunContext context) {
    request.allowOnly("zoo attention transformer", "prompt", "layer");
    String prompt = request.text("prompt", "");
    if (prompt.isEmpty()) {
      throw new InvalidSettingException("A prompt is needed (--prompt TEXT).");
    }
    Integer wanted = layerOption(request);
    Path out = request.out() == null ? Path.of("attention.png") : request.out();
    if (!out.toString().endsWith(".png") || Files.isDirectory(out)) {
      throw new InvalidSettingException(
          "The attention picture must be a .png file, not " + out + ".");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), TransformerFamily.NAME);
    TransformerFamily.requireLanguageModel(cp);
    int layers = family.savedHyperparameters(cp.info()).getInt("layers");
    int layer = wanted == null ? layers : wanted;
    if (layer > layers) {
      throw new InvalidSettingException(
          "The model has " + layers + " layers; --layer must be between 1 and " + layers + ".");
    }
    try (LanguageModel model =
        LanguageModel.open(cp, ModelLoader.description(family, cp, context))) {
      Tokenizer tokenizer = model.tokenizer();
      int[] tokens = tokenizer.encode(prompt, w -> context.log().println("Note: " + w));
      if (tokens.length == 0) {
        throw new InvalidDataException("The prompt has no character the model knows.");
      }
      int contextLength = model.config().context();
      if (tokens.length > contextLength) {
        context
            .log()
            .printf(
                "Note: the prompt has %d tokens but the model's context holds %d; only the last %d"
                    + " are drawn.%n",
                tokens.length, contextLength, contextLength);
        tokens = Arrays.copyOfRange(tokens, tokens.length - contextLength, tokens.length);
      }
      List<float[][]> heads = model.attention(tokens, layer);
      List<String> labels = new ArrayList<>();
      for (int t : tokens) {
        labels.add(tokenizer.decode(new int[] {t}));
      }
      List<String> titles = new ArrayList<>();
      for (int h = 1; h <= heads.size(); h++) {
        titles.add("head " + h + " (rows attend to columns)");
      }
      String name = TransformerFamily.NAME + "/" + model.variant();
      HeatMapGrid.write(
          out,
          "Attention of " + name + ", layer " + layer + " of " + layers,
          labels,
          heads,
          titles);
      return report(out, layer, labels, heads);
    }
  }

  /**
   * The {@code --layer} option, or null when it was not given.
   *
   * @throws InvalidSettingException when it is not a whole number from 1
   */
  private static Integer layerOption(ModelRequest request) {
    if (!request.has("layer")) {
      return null;
    }
    String v = request.text("layer", "").trim();
    int layer;
    try {
      layer = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException("--layer must be a whole number, not " + v + ".", e);
    }
    if (layer <= 0) {
      throw new InvalidSettingException("Layers are counted from 1, not " + layer + ".");
    }
    return layer;
  }

  private static Report report(Path out, int layer, List<String> tokens, List<float[][]> heads) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", out.toString());
    json.put("layer", layer);
    json.put("heads", heads.size());
    json.put("tokens", tokens);
    List<Object> weights = new ArrayList<>();
    for (float[][] h : heads) {
      List<List<Double>> rows = new ArrayList<>();
      for (float[] row : h) {
        List<Double> values = new ArrayList<>();
        for (float v : row) {
          values.add((double) v);
        }
        rows.add(values);
      }
      weights.add(rows);
    }
    json.put("weights", weights);
    String text =
        String.format(
            Locale.ROOT,
            "Wrote the attention of %d heads of layer %d over %d tokens to %s.%n",
            heads.size(),
            layer,
            tokens.size(),
            out);
    return new Report(text, json);
  }
}
