package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

  @Test
  void keepsTextAfterAClosingQuoteAndNamesAMissingFile() {
    assertEquals(List.of("ab c"), CsvTable.parse("x\n\"ab\" c\n", F).strings("x"));
    Path missing = Path.of("target", "no-such.csv");
    assertEquals(
        "CSV file " + missing + " does not exist.",
        assertThrows(ZooException.class, () -> CsvTable.read(missing)).getMessage());
  }

  private static final String TABLE = "a,b,kind\n1,2,x\n3,4, y\n5,6,x\n7,8,z\n9,10,y\n";

  @Test
  void matrixDistinctValuesAndCodes() {
    CsvTable t = CsvTable.parse(TABLE, F);
    assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7, 10, 9}, t.matrix(List.of("b", "a")));
    assertEquals(List.of("x", "y", "z"), t.distinct("kind"));
    assertArrayEquals(new int[] {1, 0, 1, 2, 0}, t.codes("kind", List.of("y", "x", "z")));
    assertEquals(
        "Line 5 of data.csv: 'z' in column kind is not one of x, y.",
        assertThrows(ZooException.class, () -> t.codes("kind", List.of("x", "y"))).getMessage());
  }

  @Test
  void seededSplitsFirstRowsAndProvenance() {
    CsvTable t = CsvTable.parse(TABLE, F);
    List<CsvTable> a = t.split(7, 0.2);
    List<CsvTable> b = t.split(7, 0.2);
    assertEquals(4, a.get(0).rows().size());
    assertEquals(1, a.get(1).rows().size());
    assertEquals(a.get(0).rows(), b.get(0).rows(), "the same seed, the same split");
    assertEquals(a.get(1).rows(), b.get(1).rows());
    java.util.Set<CsvTable.Row> all = new java.util.HashSet<>(a.get(0).rows());
    all.addAll(a.get(1).rows());
    assertEquals(new java.util.HashSet<>(t.rows()), all, "every row in exactly one part");
    assertEquals("the training split of data.csv (seed 7)", a.get(0).source());
    assertEquals("the 20% test split of data.csv (seed 7)", a.get(1).source());
    assertEquals(List.of(2, 3), t.first(2).rows().stream().map(CsvTable.Row::line).toList());
    assertEquals(t, t.first(99));
    assertEquals("embedded", t.withSource("embedded").source());
    assertEquals(t.sha256(), CsvTable.parse(TABLE.replace("\n", "\r\n"), F).sha256());
    assertEquals(64, t.sha256().length());
    assertNotEquals(t.sha256(), t.first(4).sha256());
  }
}
