package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.data.ImageFolderReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link ImageFolderReader#readGrey}, the reader of single images for prediction, on PNG and
 * JPEG bytes.
 *
 * <p>Input: one byte for the file name's extension (bit 0: {@code .png} or {@code .jpg}), one byte
 * each for the requested height and width (1 to 64), and the rest as the file's bytes.
 */
class ImageFileFuzzTest {
  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void readGrey(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    String extension = (in.u8() & 1) == 0 ? ".png" : ".jpg";
    int height = 1 + in.u8() % 64;
    int width = 1 + in.u8() % 64;
    Path file = Scratch.write(tmp, "image" + extension, in.rest());
    Outcome.of(() -> ImageFolderReader.readGrey(file, height, width))
        .ifPresent(
            grey -> {
              assertEquals(height * width, grey.length);
              Outcome.requireUnitRange(grey);
            });
  }
}
