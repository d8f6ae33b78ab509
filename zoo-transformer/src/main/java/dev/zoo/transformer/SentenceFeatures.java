package dev.zoo.transformer;

import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.text.TextRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code zoo encode transformer --model minilm --csv FILE TEXTS}: the sentence vectors of a
 * labelled text set (a folder of files labelled by their names, such as the Debian fortunes, or a
 * CSV of {@code text,label}) written as a table for the tabular family: a header {@code
 * x1,...,xD,label}, then one row per text, in the order of the set. A frozen encoder with a head
 * trained by {@code zoo train tabular} on that table is then a text classifier.
 */
final class SentenceFeatures {

  private static final int CHUNK = 256;

  private SentenceFeatures() {}

  /**
   * Encodes every record of {@code texts} and writes the table to {@code out}.
   *
   * @throws InvalidDataException when the table cannot be written
   */
  static Report write(SentenceEncoder encoder, LabelledTexts texts, Path out, RunContext context) {
    List<TextRecord> records = texts.records();
    long start = System.nanoTime();
    int cut = 0;
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path partial = Files.createTempFile(parent, ".features-", ".csv");
      try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        for (int from = 0; from < records.size(); from += CHUNK) {
          List<TextRecord> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
          List<String> strings = new ArrayList<>();
          for (TextRecord r : chunk) {
            strings.add(r.text());
            cut += encoder.tokenize(r.text()).truncated() ? 1 : 0;
          }
          List<float[]> vectors = encoder.encode(strings);
          if (from == 0) {
            header(w, vectors.get(0).length);
          }
          for (int i = 0; i < chunk.size(); i++) {
            row(w, vectors.get(i), chunk.get(i).label());
          }
          context
              .log()
              .printf(
                  Locale.ROOT, "Encoded %,d of %,d texts.%n", from + chunk.size(), records.size());
        }
      }
      Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot write " + out + ": " + e.getMessage() + ".", e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("texts", records.size());
    json.put("labels", texts.corpus().labels().size());
    json.put("truncated", cut);
    json.put("seconds", seconds);
    json.put("texts_per_second", records.size() / seconds);
    json.put("csv", out.toString());
    json.put("data", texts.origin());
    String text =
        String.format(
            Locale.ROOT,
            "Wrote the sentence vectors of %,d texts of %s (%d labels; %,d cut to %d tokens) to"
                + " %s in %.1f s, %.1f texts/s.%n",
            records.size(),
            texts.origin(),
            texts.corpus().labels().size(),
            cut,
            SentenceEncoder.MAX_TOKENS,
            out,
            seconds,
            records.size() / seconds);
    return new Report(text, json);
  }

  private static void header(BufferedWriter w, int dimension) throws IOException {
    for (int k = 1; k <= dimension; k++) {
      w.write("x" + k + ",");
    }
    w.write("label\n");
  }

  private static void row(BufferedWriter w, float[] v, String label) throws IOException {
    StringBuilder line = new StringBuilder(v.length * 11);
    for (float x : v) {
      line.append(x).append(',');
    }
    line.append(quoted(label)).append('\n');
    w.write(line.toString());
  }

  /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
  private static String quoted(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
