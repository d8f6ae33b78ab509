package dev.zoo.transformer;

import dev.zoo.api.Reportable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code zoo encode transformer --model minilm} prints: for each input its token count and the
 * first values of its unit-length vector, then the cosine similarity of every pair of inputs; with
 * {@code --json}, every value of every vector.
 *
 * @param inputs the inputs as given (texts or file names)
 * @param tokens the tokens the encoder read of each input
 * @param vectors one unit-length vector per input
 */
record SentenceVectors(
    List<String> inputs, List<WordPieceTokenizer.TokenizedText> tokens, List<float[]> vectors)
    implements Reportable {

  private static final int SHOWN = 6;

  /** The first 40 characters of a text, in quotes, for messages. */
  static String shorten(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return "\"" + (flat.length() > 40 ? flat.substring(0, 37) + "..." : flat) + "\"";
  }

  @Override
  public String toText() {
    StringBuilder text = new StringBuilder();
    int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
    text.append(
        String.format(
            Locale.ROOT,
            "%d sentence vector(s) of %d values, each of length 1 (--json prints every value):%n",
            vectors.size(),
            dim));
    for (int i = 0; i < inputs.size(); i++) {
      WordPieceTokenizer.TokenizedText t = tokens.get(i);
      StringBuilder values = new StringBuilder("[");
      float[] v = vectors.get(i);
      for (int k = 0; k < Math.min(SHOWN, v.length); k++) {
        values.append(String.format(Locale.ROOT, "%s%.4f", k == 0 ? "" : ", ", v[k]));
      }
      values.append(v.length > SHOWN ? ", ...]" : "]");
      text.append(
          String.format(
              Locale.ROOT,
              "%d %s (%d tokens%s): %s%n",
              i + 1,
              shorten(inputs.get(i)),
              t.ids().length,
              t.truncated() ? ", cut" : "",
              values));
    }
    if (vectors.size() > 1) {
      text.append("Cosine similarity:\n     ");
      for (int j = 0; j < vectors.size(); j++) {
        text.append(String.format(Locale.ROOT, "%8d", j + 1));
      }
      text.append('\n');
      for (int i = 0; i < vectors.size(); i++) {
        text.append(String.format(Locale.ROOT, "%5d", i + 1));
        for (int j = 0; j < vectors.size(); j++) {
          text.append(
              String.format(
                  Locale.ROOT, "%8.4f", MeanPooling.cosine(vectors.get(i), vectors.get(j))));
        }
        text.append('\n');
      }
    }
    return text.toString();
  }

  @Override
  public Map<String, Object> toMap() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<Double> values = new ArrayList<>();
      for (float x : vectors.get(i)) {
        values.add((double) x);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("input", inputs.get(i));
      row.put("tokens", tokens.get(i).ids().length);
      row.put("truncated", tokens.get(i).truncated());
      row.put("vector", values);
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dimension", vectors.isEmpty() ? 0 : vectors.get(0).length);
    json.put("engine", "onnxruntime");
    json.put("vectors", rows);
    return json;
  }
}
