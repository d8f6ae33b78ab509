package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading text corpora: fortune records, paragraphs, folders, bad files. */
class CorpusTest {

  @TempDir Path dir;

  @Test
  void fortuneFilesGiveOneRecordPerQuotationLabelledByFile() throws Exception {
    Files.writeString(dir.resolve("law"), "A fair trial.\n%\nTwo lines\nof law.\n%\n");
    Files.writeString(dir.resolve("food"), "Bread.\n%\n");
    Files.writeString(dir.resolve("food.dat"), "index");
    Files.writeString(dir.resolve(".hidden"), "no");
    Corpus c = Corpus.read(dir);
    assertEquals(
        List.of(
            new TextRecord("food", "Bread."),
            new TextRecord("law", "A fair trial."),
            new TextRecord("law", "Two lines\nof law.")),
        c.records());
    assertEquals(List.of("food", "law"), c.labels());
    assertFalse(c.isEmbedded());
  }

  @Test
  void plainTextSplitsIntoParagraphs() throws Exception {
    Path f = dir.resolve("book.txt");
    Files.writeString(f, "First paragraph\ngoes on.\n\nSecond.\r\n\r\nThird.");
    Corpus c = Corpus.read(f);
    assertEquals(3, c.records().size());
    assertEquals("book", c.records().get(0).label());
    assertEquals("First paragraph\ngoes on.", c.records().get(0).text());
  }

  @Test
  void splitHoldsOutEveryKthRecord() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append("record ").append(i).append("\n%\n");
    }
    Files.writeString(dir.resolve("t"), sb);
    Corpus.Split s = Corpus.read(dir).split(0.1);
    assertEquals(18, s.train().size());
    assertEquals(2, s.validation().size());
    assertEquals("record 9", s.validation().get(0).text());
    assertTrue(s.trainText().startsWith("record 0\n\nrecord 1\n\n"));
  }

  @Test
  void refusesBinaryEmptyAndMissingInput() throws Exception {
    Path bin = dir.resolve("bin");
    Files.write(bin, new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, 0});
    assertEquals(
        bin + " is not UTF-8 text (invalid bytes at offset 2).",
        assertThrows(ZooException.class, () -> Corpus.read(bin)).getMessage());
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n%\n  \n");
    assertEquals(
        "The corpus " + empty + " is empty.",
        assertThrows(ZooException.class, () -> Corpus.read(empty)).getMessage());
    Path none = dir.resolve("none");
    assertTrue(
        assertThrows(ZooException.class, () -> Corpus.read(none))
            .getMessage()
            .contains("does not exist"));
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertEquals(
        "The folder " + sub + " holds no text files.",
        assertThrows(ZooException.class, () -> Corpus.read(sub)).getMessage());
  }

  @Test
  void decodesMultiByteCharacters() throws Exception {
    Path f = dir.resolve("u");
    Files.write(f, "Café – naïve\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("Café – naïve", Corpus.read(f).records().get(0).text());
  }

  @Test
  void embeddedCorpusHasFiveTopicsOfRecords() {
    Corpus c = Corpus.embedded();
    assertTrue(c.isEmbedded());
    assertEquals(List.of("computers", "science", "food", "sea", "work"), c.labels());
    assertTrue(c.records().size() > 400, c.records().size() + " records");
    assertTrue(c.length() > 40_000, c.length() + " characters");
  }

  @Test
  void locatePrefersTheDataOption() throws Exception {
    Files.writeString(dir.resolve("mine"), "Only this.\n");
    assertEquals("Only this.", Corpus.locate(dir.resolve("mine")).records().get(0).text());
  }
}
