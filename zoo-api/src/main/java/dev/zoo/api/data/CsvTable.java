package dev.zoo.api.data;

import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.text.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file with a header row (RFC 4180: quoted fields may hold commas, doubled quotes and line
 * breaks), read as UTF-8. Errors name the file and the line, so a user can find a bad value.
 */
public final class CsvTable {

  private final Path file;
  private final List<String> header;
  private final List<Row> rows;

  private CsvTable(Path file, List<String> header, List<Row> rows) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  /**
   * One data row.
   *
   * @param line the line of the file where the row starts, counted from 1
   * @param values the fields, one per header column
   */
  public record Row(int line, List<String> values) {}

  /** Reads a CSV file whose first row names the columns. */
  public static CsvTable read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidDataException("CSV file " + file + " does not exist.", e);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
    return parse(Corpus.decodeUtf8(bytes, file.toString()), file);
  }

  /** Parses CSV text; {@code file} names it in messages. */
  public static CsvTable parse(String text, Path file) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          fields.add(field.toString());
          records.add(fields);
          lines.add(recordLine);
        }
        fields = new ArrayList<>();
        field.setLength(0);
        any = false;
        line++;
        recordLine = line;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new InvalidDataException(
          "Line " + recordLine + " of " + file + " opens a quote that never closes.");
    }
    if (any || field.length() > 0) {
      fields.add(field.toString());
      records.add(fields);
      lines.add(recordLine);
    }
    if (records.isEmpty()) {
      throw new InvalidDataException("CSV file " + file + " is empty.");
    }
    List<String> header = records.get(0).stream().map(String::trim).toList();
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> values = records.get(r);
      if (values.size() != header.size()) {
        throw new InvalidDataException(
            String.format(
                Locale.ROOT,
                "Line %d of %s has %d fields, but the header has %d.",
                lines.get(r),
                file,
                values.size(),
                header.size()));
      }
      rows.add(new Row(lines.get(r), List.copyOf(values)));
    }
    return new CsvTable(file, header, rows);
  }

  /** The column names. */
  public List<String> header() {
    return header;
  }

  /** The data rows, without the header. */
  public List<Row> rows() {
    return rows;
  }

  /** The file the table came from. */
  public Path file() {
    return file;
  }

  /** The index of a column, or an error listing the columns there are. */
  public int column(String name) {
    int i = header.indexOf(name.trim());
    if (i < 0) {
      throw new InvalidDataException(
          "CSV file "
              + file
              + " has no column '"
              + name
              + "'; its columns are: "
              + String.join(", ", header)
              + ".");
    }
    return i;
  }

  /** The text values of a column. */
  public List<String> strings(String name) {
    int c = column(name);
    return rows.stream().map(r -> r.values().get(c)).toList();
  }

  /** The values of a numeric column; a value that is not a number is named with its line. */
  public double[] numbers(String name) {
    int c = column(name);
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Row row = rows.get(i);
      String v = row.values().get(c).trim();
      try {
        out[i] = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        out[i] = Double.NaN;
      }
      if (!Double.isFinite(out[i])) {
        throw new InvalidDataException(
            "Line "
                + row.line()
                + " of "
                + file
                + ": '"
                + v
                + "' in column "
                + header.get(c)
                + " is not a number.");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return file + " (" + rows.size() + " rows: " + Arrays.toString(header.toArray()) + ")";
  }
}
