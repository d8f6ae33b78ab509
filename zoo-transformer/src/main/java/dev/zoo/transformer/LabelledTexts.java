package dev.zoo.transformer;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Short texts with their labels for the classifier: a CSV file with the columns {@code text} and
 * {@code label}, or any corpus (fortune files are labelled by their file names).
 *
 * @param records the texts and labels
 * @param lines for a CSV, the line of each record (for messages), else empty
 * @param origin where they came from
 */
record LabelledTexts(List<TextRecord> records, List<Integer> lines, String origin) {

  /** The texts the {@code --data} option names, or the default corpus. */
  static LabelledTexts locate(Path data) {
    if (data != null && data.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return csv(data);
    }
    Corpus corpus = Corpus.locate(data);
    return new LabelledTexts(corpus.records(), List.of(), corpus.origin());
  }

  /** The records of {@code corpus}, labelled as it labels them. */
  static LabelledTexts of(Corpus corpus) {
    return new LabelledTexts(corpus.records(), List.of(), corpus.origin());
  }

  /** These texts as a corpus. */
  Corpus corpus() {
    return Corpus.of(records, origin);
  }

  /**
   * A CSV file of {@code text,label} rows.
   *
   * @throws InvalidDataException when a row has no label or the file holds no rows
   */
  static LabelledTexts csv(Path file) {
    CsvTable table = CsvTable.read(file);
    int text = table.column("text");
    int label = table.column("label");
    List<TextRecord> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      String l = row.values().get(label).strip();
      if (l.isEmpty()) {
        throw new InvalidDataException(
            "CSV file " + file + " has no label on line " + row.line() + ".");
      }
      records.add(new TextRecord(l, row.values().get(text)));
      lines.add(row.line());
    }
    if (records.isEmpty()) {
      throw new InvalidDataException("CSV file " + file + " holds no rows.");
    }
    return new LabelledTexts(records, lines, file.toString());
  }

  /**
   * The class index of each record under {@code known}, refusing a label the model does not know
   * with its line.
   *
   * @throws InvalidDataException naming the first record whose label is not in {@code known}
   */
  int[] classes(List<String> known) {
    int[] out = new int[records.size()];
    for (int i = 0; i < out.length; i++) {
      String label = records.get(i).label();
      out[i] = known.indexOf(label);
      if (out[i] < 0) {
        throw new InvalidDataException(
            (lines.isEmpty() ? origin : origin + " line " + lines.get(i))
                + " has the label '"
                + label
                + "', which the model does not know; its labels are: "
                + String.join(", ", known)
                + ".");
      }
    }
    return out;
  }
}
