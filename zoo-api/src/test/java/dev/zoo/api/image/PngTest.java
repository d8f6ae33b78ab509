package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

  @Test
  void writesAReadablePngAndNoTempFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.png");
    Png.write(Pixels.blank(7, 3, 0x123456), file);
    assertEquals(List.of("a.png"), list(dir));
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(7, read.getWidth());
    assertEquals(3, read.getHeight());
    assertEquals(0x123456, read.getRGB(6, 2) & 0xFFFFFF);
  }

  @Test
  void replacesAnExistingFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.png");
    Files.writeString(file, "not a png");
    Png.write(Pixels.blank(10, 10, 0xFFFFFF), file);
    Png.write(Pixels.blank(20, 5, 0x000000), file);
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(20, read.getWidth());
    assertEquals(5, read.getHeight());
    assertEquals(List.of("a.png"), list(dir));
  }

  @Test
  void createsMissingParentDirectories(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x/y/z.png");
    Png.write(Pixels.blank(2, 2, 0), file);
    assertTrue(Files.isRegularFile(file));
    assertEquals(List.of("z.png"), list(file.getParent()));
  }

  @Test
  void parentThatIsAFileGivesAOneSentenceZooException(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "x");
    Path file = blocker.resolve("out.png");
    ZooException e = assertThrows(ZooException.class, () -> Png.write(Pixels.blank(2, 2, 0), file));
    assertTrue(e.getMessage().startsWith("Cannot write " + file + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("."), e.getMessage());
    assertEquals(List.of("blocker"), list(dir));
  }

  @Test
  void directoryTargetIsRefused(@TempDir Path dir) throws IOException {
    Path target = Files.createDirectory(dir.resolve("out.png"));
    ZooException e =
        assertThrows(ZooException.class, () -> Png.write(Pixels.blank(2, 2, 0), target));
    assertEquals("Cannot write " + target + ": it is a directory.", e.getMessage());
  }

  @Test
  void encodeProducesPngBytes() {
    byte[] bytes = Png.encode(Pixels.blank(3, 3, 0));
    assertTrue(bytes.length > 8);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    assertEquals('N', bytes[2]);
    assertEquals('G', bytes[3]);
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
