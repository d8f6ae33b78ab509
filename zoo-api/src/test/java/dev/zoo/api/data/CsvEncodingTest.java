package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.InvalidDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as spreadsheets on other systems save them: byte-order marks, CR LF, Latin-1. */
class CsvEncodingTest {
  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @TempDir Path dir;

  private Path write(byte[]... parts) throws Exception {
    Path file = dir.resolve("table.csv");
    try (var out = Files.newOutputStream(file)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
    return file;
  }

  @Test
  void aByteOrderMarkAndCrLfLineEndsReadLikePlainUtf8() throws Exception {
    Path file =
        write(
            BOM,
            "label,x\r\ncaf\u00e9,1.5\r\n\r\n\"two\r\nlines\",2\r\n"
                .getBytes(StandardCharsets.UTF_8));

    CsvTable table = CsvTable.read(file);

    assertEquals(List.of("label", "x"), table.header());
    assertArrayEquals(new double[] {1.5, 2}, table.numbers("x"));
    assertEquals(List.of("caf\u00e9", "two\r\nlines"), table.strings("label"));
    assertEquals(List.of(2, 4), table.rows().stream().map(CsvTable.Row::line).toList());
    assertEquals(
        CsvTable.parse("label,x\ncaf\u00e9,1.5\n\n\"two\r\nlines\",2\n", file).sha256(),
        table.sha256());
  }

  @Test
  void parsedTextMayStartWithAByteOrderMark() {
    CsvTable table = CsvTable.parse("\uFEFFa,b\r\n1,2\r\n", Path.of("t.csv"));

    assertEquals(List.of("a", "b"), table.header());
    assertArrayEquals(new double[] {1}, table.numbers("a"));
  }

  @Test
  void latin1IsRefusedNamingTheOffset() throws Exception {
    Path file = write("name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    InvalidDataException e = assertThrows(InvalidDataException.class, () -> CsvTable.read(file));

    assertEquals(file + " is not UTF-8 text (invalid bytes at offset 8).", e.getMessage());
  }
}
