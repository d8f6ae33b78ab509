package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.InvalidDataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text files as editors on other systems write them: byte-order marks, CR LF, Latin-1. */
class CorpusEncodingTest {
  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @TempDir Path dir;

  private Path write(String name, byte[]... parts) throws Exception {
    Path file = dir.resolve(name);
    try (var out = Files.newOutputStream(file)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
    return file;
  }

  @Test
  void aByteOrderMarkAndCrLfLineEndsReadLikePlainUtf8() throws Exception {
    Path windows =
        write(
            "law",
            BOM,
            "Caf\u00e9 law.\r\n%\r\nTwo lines\r\nof law.\r\n%\r\n"
                .getBytes(StandardCharsets.UTF_8));
    Path unix =
        Files.writeString(
            Files.createDirectory(dir.resolve("unix")).resolve("law"),
            "Caf\u00e9 law.\n%\nTwo lines\nof law.\n%\n");

    Corpus corpus = Corpus.read(windows);

    assertEquals(
        List.of(
            new TextRecord("law", "Caf\u00e9 law."), new TextRecord("law", "Two lines\nof law.")),
        corpus.records());
    assertEquals(Corpus.read(unix).records(), corpus.records());
    assertEquals(Corpus.read(unix).sha256(), corpus.sha256());
  }

  @Test
  void paragraphsWithCrLfAndAByteOrderMark() throws Exception {
    Path file =
        write(
            "book.txt", BOM, "First\r\nline.\r\n\r\nSecond.\r\n".getBytes(StandardCharsets.UTF_8));

    assertEquals(
        List.of(new TextRecord("book", "First\nline."), new TextRecord("book", "Second.")),
        Corpus.read(file).records());
  }

  @Test
  void latin1TextIsRefusedNamingTheOffset() throws Exception {
    Path file =
        write("food", "Cr\u00e8me br\u00fbl\u00e9e\n".getBytes(StandardCharsets.ISO_8859_1));

    InvalidDataException e = assertThrows(InvalidDataException.class, () -> Corpus.read(file));

    assertEquals(file + " is not UTF-8 text (invalid bytes at offset 2).", e.getMessage());
  }

  @Test
  void theOffsetCountsTheByteOrderMark() throws Exception {
    Path file = write("food", BOM, "ab\u00e9".getBytes(StandardCharsets.ISO_8859_1));

    InvalidDataException e = assertThrows(InvalidDataException.class, () -> Corpus.read(file));

    assertEquals(file + " is not UTF-8 text (invalid bytes at offset 5).", e.getMessage());
  }

  @Test
  void aByteOrderMarkAloneIsAnEmptyCorpus() throws Exception {
    Path file = write("empty", BOM);

    assertEquals(
        "The corpus " + file + " is empty.",
        assertThrows(InvalidDataException.class, () -> Corpus.read(file)).getMessage());
  }
}
