package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.text.Corpus;
import dev.zoo.api.text.TextRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link Corpus#read} on a text file and on a folder of text files: UTF-8 decoding, fortune
 * records separated by {@code %} lines, paragraphs, skipped index and hidden files.
 *
 * <p>Input: a mode byte (bit 0: a folder instead of one file); for one file, the rest is its
 * content; for a folder, entries until the input ends (at most 8): a byte for the name ({@code
 * law}, {@code food.txt}, an index {@code .dat}, a link {@code .u8}, a hidden file, a sub-folder)
 * and a chunk for the content.
 */
class CorpusFuzzTest {
  private static final List<String> NAMES =
      List.of("law", "food.txt", "law.dat", "law.u8", ".hidden", "sub", "UPPER.TXT", "x.y.z");

  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void read(byte[] data) throws IOException {
    FuzzInput in = new FuzzInput(data);
    int mode = in.u8();
    Path dir = Scratch.fresh(tmp);
    Path target;
    byte[] single = new byte[0];
    if ((mode & 1) == 0) {
      single = in.rest();
      target = Scratch.write(dir, "fortunes", single);
    } else {
      target = dir.resolve("texts");
      Files.createDirectories(target);
      for (int entry = 0; entry < 8; entry++) {
        byte[] name = in.bytes(1);
        if (name.length == 0) {
          break;
        }
        String file = NAMES.get(name[0] & 7);
        if (file.equals("sub")) {
          Files.createDirectories(target.resolve(file));
        } else if (!Files.isDirectory(target.resolve(file))) {
          Scratch.write(target, file, in.chunk());
        }
      }
    }
    byte[] bytes = single;
    Outcome.of(() -> Corpus.read(target))
        .ifPresent(
            corpus -> {
              check(corpus);
              if (CsvTableFuzzTest.startsWithByteOrderMark(bytes)
                  && !CsvTableFuzzTest.startsWithByteOrderMark(
                      Arrays.copyOfRange(bytes, 3, bytes.length))) {
                Path plain =
                    Scratch.write(dir, "fortunes", Arrays.copyOfRange(bytes, 3, bytes.length));
                assertEquals(
                    Corpus.read(plain).records(),
                    corpus.records(),
                    "a byte-order mark changed the records");
              }
            });
  }

  private static void check(Corpus corpus) {
    assertFalse(corpus.records().isEmpty(), "a corpus without records");
    for (TextRecord r : corpus.records()) {
      assertNotNull(r.label());
      assertFalse(r.text().isBlank(), "a blank record");
      assertEquals(r.text().strip(), r.text(), "a record with surrounding white space");
    }
    assertEquals(corpus.text().codePointCount(0, corpus.text().length()), corpus.length());
    assertEquals(64, corpus.sha256().length());
    Outcome.of(() -> corpus.split(0.1))
        .ifPresent(
            split ->
                assertEquals(
                    corpus.records().size(),
                    split.train().size() + split.validation().size(),
                    "records lost in the split"));
  }
}
