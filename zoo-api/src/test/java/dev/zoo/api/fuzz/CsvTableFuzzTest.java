package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.data.CsvTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link CsvTable}: reading a file (UTF-8 decoding, then RFC 4180 parsing) or parsing text,
 * and then every accessor a family uses on each column.
 *
 * <p>Input: a mode byte (bit 0: parse the text instead of reading the file), then the file's bytes.
 */
class CsvTableFuzzTest {
  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void read(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    int mode = in.u8();
    byte[] bytes = in.rest();
    Path file = Scratch.write(tmp, "table.csv", bytes);
    Outcome.of(
            () ->
                (mode & 1) == 0
                    ? CsvTable.read(file)
                    : CsvTable.parse(new String(bytes, StandardCharsets.UTF_8), file))
        .ifPresent(
            table -> {
              check(table, lineCount(bytes));
              if (startsWithByteOrderMark(bytes)) {
                CsvTable plain =
                    CsvTable.parse(
                        new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), file);
                assertEquals(plain.header(), table.header(), "a byte-order mark in the header");
                assertEquals(plain.rows(), table.rows(), "a byte-order mark changed the rows");
              }
            });
  }

  static boolean startsWithByteOrderMark(byte[] bytes) {
    return bytes.length >= 3
        && bytes[0] == (byte) 0xef
        && bytes[1] == (byte) 0xbb
        && bytes[2] == (byte) 0xbf;
  }

  private static void check(CsvTable table, int lines) {
    assertFalse(table.header().isEmpty(), "a table without columns");
    int previous = 1;
    for (CsvTable.Row row : table.rows()) {
      assertEquals(table.header().size(), row.values().size());
      assertTrue(row.line() > previous, "rows out of line order: " + row.line());
      assertTrue(row.line() <= lines, "line " + row.line() + " of a text of " + lines + " lines");
      previous = row.line();
    }
    for (String column : table.header()) {
      assertEquals(table.rows().size(), table.strings(column).size());
      List<String> classes = table.distinct(column);
      assertEquals(table.rows().size(), table.codes(column, classes).length);
      Outcome.of(() -> table.numbers(column));
    }
    Outcome.of(() -> table.matrix(table.header()));
    List<CsvTable> parts = table.split(7, 0.25);
    assertEquals(
        table.rows().size(), parts.get(0).rows().size() + parts.get(1).rows().size(), "split");
    assertEquals(64, table.sha256().length());
    assertEquals(Math.min(1, table.rows().size()), table.first(1).rows().size());
  }

  /** The number of lines of a text, counting CR LF, CR and LF as line ends. */
  private static int lineCount(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.split("\r\n|\r|\n", -1).length;
  }
}
