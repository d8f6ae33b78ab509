package dev.zoo.vae;

import dev.zoo.api.Reportable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@code zoo encode vae} prints: the latent mean of q(z|x) of each input image.
 *
 * @param checkpoint the checkpoint directory
 * @param latentDim the length of a code
 * @param names the input files in the order given
 * @param means one code per file
 */
record LatentCodes(String checkpoint, int latentDim, List<String> names, List<float[]> means)
    implements Reportable {

  /** Encodes every image of {@code inputs} with {@code model}. */
  static LatentCodes of(VariationalAutoencoder model, ImageInputs inputs) {
    List<float[]> means = new ArrayList<>();
    for (float[] image : inputs.images()) {
      means.add(model.encode(image));
    }
    return new LatentCodes(
        inputs.checkpoint().dir().toString(), model.latentDim(), inputs.names(), means);
  }

  @Override
  public String toText() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      StringJoiner values = new StringJoiner(", ", "[", "]");
      for (float v : means.get(i)) {
        values.add(String.format(Locale.ROOT, "%.4f", v));
      }
      text.append(names.get(i)).append(": ").append(values).append('\n');
    }
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      List<Double> list = new ArrayList<>();
      for (float v : means.get(i)) {
        list.add((double) v);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", names.get(i));
      row.put("mean", list);
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", checkpoint);
    json.put("latent_dim", latentDim);
    json.put("codes", rows);
    return json;
  }
}
