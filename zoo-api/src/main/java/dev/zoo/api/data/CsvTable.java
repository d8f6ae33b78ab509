package dev.zoo.api.data;

import dev.zoo.api.common.DataSource;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.common.Sha256;
import dev.zoo.api.text.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row (RFC 4180: quoted fields may hold commas, doubled quotes and line
 * breaks; empty lines are skipped), read as UTF-8 and parsed by Apache Commons CSV. Errors name the
 * file and the line, so a user can find a bad value. As a {@link DataSource} it names where its
 * rows came from and hashes their values, so it can be training data as it is; {@link #split} and
 * {@link #first} give subsets of its rows.
 */
public final class CsvTable implements DataSource {

  /** RFC 4180 with empty lines skipped and text after a closing quote kept. */
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrailingData(true).get();

  private final Path file;
  private final List<String> header;
  private final List<Row> rows;
  private final String source;

  private CsvTable(Path file, List<String> header, List<Row> rows, String source) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
    this.source = source;
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
    return parse(text(file), file);
  }

  /**
   * The rows of CSV files by where they stand, {@code file:line}, followed by {@code (class)} when
   * the file has the column {@code label}: each row's values of {@code columns}, in that order.
   *
   * @throws InvalidDataException when a file is unreadable or lacks a column, or a value is not a
   *     number
   */
  public static Map<String, float[]> rowsOf(
      List<String> files, List<String> columns, String label) {
    Map<String, float[]> rows = new LinkedHashMap<>();
    for (String file : files) {
      CsvTable table = read(Path.of(file));
      float[] x = table.matrix(columns);
      List<String> truth = table.header().contains(label) ? table.strings(label) : null;
      for (int i = 0; i < table.rows().size(); i++) {
        String where = file + ":" + table.rows().get(i).line();
        rows.put(
            truth == null ? where : where + " (" + truth.get(i).trim() + ")",
            Arrays.copyOfRange(x, i * columns.size(), (i + 1) * columns.size()));
      }
    }
    return rows;
  }

  /**
   * Reads a CSV resource on {@code owner}'s class path, such as a table a module embeds.
   *
   * @throws InvalidDataException when the resource is missing or is not a CSV table
   */
  public static CsvTable resource(Class<?> owner, String name) {
    try (java.io.InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new InvalidDataException("The resource " + name + " of " + owner + " is missing.");
      }
      return parse(Corpus.decodeUtf8(in.readAllBytes(), name), Path.of(name));
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read the resource " + name + ".", e);
    }
  }

  /**
   * The text of a file, decoded as UTF-8, for callers that adapt a file before {@link #parse}.
   *
   * @throws InvalidDataException when the file is missing, unreadable or not UTF-8
   */
  public static String text(Path file) {
    try {
      return Corpus.decodeUtf8(Files.readAllBytes(file), file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidDataException("CSV file " + file + " does not exist.", e);
    } catch (IOException e) {
      throw new InvalidDataException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /**
   * Parses CSV text with Apache Commons CSV, ignoring a leading byte-order mark; {@code file} names
   * it in messages.
   *
   * @throws InvalidDataException when the text is empty, a quote never closes or a row has another
   *     number of fields than the header
   */
  public static CsvTable parse(String text, Path file) {
    if (text.startsWith("\uFEFF")) {
      return parse(text.substring(1), file);
    }
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] physical = text.split("\r\n|\r|\n", -1);
    int line = 1;
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        line = firstLine(physical, (int) parser.getCurrentLineNumber());
        if (!it.hasNext()) {
          break;
        }
        records.add(it.next().toList());
        lines.add(line);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidDataException(
          "Line " + line + " of " + file + " opens a quote that never closes.", e);
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
    return new CsvTable(file, header, rows, file.toString());
  }

  /** The line (from 1) of the next record after {@code consumed} lines, skipping empty ones. */
  private static int firstLine(String[] physical, int consumed) {
    int i = consumed;
    while (i < physical.length - 1 && physical[i].isEmpty()) {
      i++;
    }
    return i + 1;
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

  /** The distinct values of a column, trimmed and sorted, e.g. the classes of a label column. */
  public List<String> distinct(String name) {
    return strings(name).stream().map(String::trim).distinct().sorted().toList();
  }

  /**
   * Each row's value of a column, trimmed, as its index in {@code values}: the classes of a label
   * column as numbers.
   *
   * @throws InvalidDataException when the column is missing or a value is not one of {@code
   *     values}, naming its line
   */
  public int[] codes(String name, List<String> values) {
    int c = column(name);
    int[] out = new int[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Row row = rows.get(i);
      out[i] = values.indexOf(row.values().get(c).trim());
      if (out[i] < 0) {
        throw new InvalidDataException(
            String.format(
                Locale.ROOT,
                "Line %d of %s: '%s' in column %s is not one of %s.",
                row.line(),
                file,
                row.values().get(c).trim(),
                header.get(c),
                String.join(", ", values)));
      }
    }
    return out;
  }

  /**
   * The values of numeric columns as {@code float}, {@code (rows, columns)} row-major.
   *
   * @throws InvalidDataException when a column is missing or a value is not a number
   */
  public float[] matrix(List<String> names) {
    float[] out = new float[rows.size() * names.size()];
    for (int c = 0; c < names.size(); c++) {
      double[] column = numbers(names.get(c));
      for (int r = 0; r < column.length; r++) {
        out[r * names.size() + c] = (float) column[r];
      }
    }
    return out;
  }

  /**
   * The rows shuffled by {@code seed} and split in two: the training part, then the test part of
   * {@code round(testFraction * rows)} rows. The same seed gives the same split.
   *
   * @param testFraction the share of test rows, in [0, 1]
   */
  public List<CsvTable> split(long seed, double testFraction) {
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(seed));
    int test = (int) Math.round(testFraction * rows.size());
    String percent = String.format(Locale.ROOT, "%.0f%%", 100 * testFraction);
    return List.of(
        new CsvTable(
            file,
            header,
            shuffled.subList(test, rows.size()),
            "the training split of " + source + " (seed " + seed + ")"),
        new CsvTable(
            file,
            header,
            shuffled.subList(0, test),
            "the " + percent + " test split of " + source + " (seed " + seed + ")"));
  }

  /** The first {@code n} rows (all of them when there are fewer). */
  public CsvTable first(int n) {
    return n >= rows.size()
        ? this
        : new CsvTable(file, header, rows.subList(0, n), "the first " + n + " rows of " + source);
  }

  /** A copy whose {@link #source} is {@code text}, e.g. for a table embedded in a jar. */
  public CsvTable withSource(String text) {
    return new CsvTable(file, header, rows, text);
  }

  /** Where the rows came from: the file, or the subset of it. */
  @Override
  public String source() {
    return source;
  }

  /** A SHA-256 of the header and every row's values, in order. */
  @Override
  public String sha256() {
    Sha256 hash = Sha256.hasher();
    header.forEach(hash::put);
    for (Row row : rows) {
      row.values().forEach(hash::put);
    }
    return hash.hex();
  }

  @Override
  public String toString() {
    return file + " (" + rows.size() + " rows: " + Arrays.toString(header.toArray()) + ")";
  }
}
