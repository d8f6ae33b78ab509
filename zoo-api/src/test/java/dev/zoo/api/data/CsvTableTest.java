package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.ZooException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV parsing, quoted fields and the messages for bad files. */
class CsvTableTest {

  private static final Path F = Path.of("data.csv");

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
    CsvTable t =
        CsvTable.parse("text,label\n\"a, \"\"b\"\"\",law\r\n\"two\nlines\",food\n\nplain,x", F);
    assertEquals(List.of("text", "label"), t.header());
    assertEquals(List.of("a, \"b\"", "two\nlines", "plain"), t.strings("text"));
    assertEquals(List.of(2, 3, 6), t.rows().stream().map(CsvTable.Row::line).toList());
  }

  @Test
  void numbersNameTheLineOfABadValue() {
    CsvTable t = CsvTable.parse("day,price\n1,2.5\n2, 3\n3,abc\n", F);
    assertArrayEquals(new double[] {1, 2, 3}, t.numbers("day"));
    assertEquals(
        "Line 4 of data.csv: 'abc' in column price is not a number.",
        assertThrows(ZooException.class, () -> t.numbers("price")).getMessage());
    assertEquals(
        "CSV file data.csv has no column 'cost'; its columns are: day, price.",
        assertThrows(ZooException.class, () -> t.numbers("cost")).getMessage());
  }

  @Test
  void refusesRaggedRowsUnclosedQuotesAndEmptyFiles() {
    assertEquals(
        "Line 3 of data.csv has 1 fields, but the header has 2.",
        assertThrows(ZooException.class, () -> CsvTable.parse("a,b\n1,2\n3\n", F)).getMessage());
    assertEquals(
        "Line 2 of data.csv opens a quote that never closes.",
        assertThrows(ZooException.class, () -> CsvTable.parse("a\n\"open\n", F)).getMessage());
    assertEquals(
        "CSV file data.csv is empty.",
        assertThrows(ZooException.class, () -> CsvTable.parse("\n\n", F)).getMessage());
  }
}
