package dev.zoo.api.image;

import dev.zoo.api.common.ZooException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes PNG files so that readers never see a half-written file. */
public final class Png {

  private static final int TEMP_ATTEMPTS = 10;

  private Png() {}

  /**
   * Encodes {@code img} as PNG and writes it to {@code file}: the bytes go to a temporary file in
   * the same directory, which then replaces {@code file} in one atomic rename where the file system
   * supports it. Missing parent directories are created.
   *
   * @throws ZooException if the file cannot be written
   */
  public static void write(BufferedImage img, Path file) {
    byte[] bytes = encode(img);
    Path target = file.toAbsolutePath().normalize();
    Path temp = null;
    try {
      if (Files.isDirectory(target)) {
        throw new ZooException("Cannot write " + target + ": it is a directory.");
      }
      Path dir = target.getParent();
      Files.createDirectories(dir);
      temp = createTemp(dir, target.getFileName().toString(), bytes);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new ZooException("Cannot write " + target + ": " + reason(e, target), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The original failure is the one worth reporting.
        }
      }
    }
  }

  /**
   * Returns {@code img} encoded as PNG bytes.
   *
   * @throws ZooException if this Java runtime has no PNG encoder
   */
  public static byte[] encode(BufferedImage img) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new ZooException("Cannot encode PNG: this Java runtime has no PNG writer.");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(img);
    } catch (IOException e) {
      throw new ZooException("Cannot encode PNG: " + e.getMessage() + ".", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static Path createTemp(Path dir, String name, byte[] bytes) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      Path temp = dir.resolve("." + name + "." + suffix + ".tmp");
      FileChannel channel;
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt + 1 >= TEMP_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      return temp;
    }
  }

  private static String reason(IOException e, Path target) {
    String reason;
    String other = null;
    if (e instanceof FileSystemException) {
      FileSystemException fse = (FileSystemException) e;
      other = fse.getFile();
      if (e instanceof AccessDeniedException) {
        reason = "Permission denied";
      } else if (e instanceof NoSuchFileException) {
        reason = "No such file or directory";
      } else if (e instanceof FileAlreadyExistsException && other != null) {
        return other + " exists and is not a directory.";
      } else if (fse.getReason() != null) {
        reason = fse.getReason();
      } else {
        reason = e.getClass().getSimpleName();
      }
    } else if (e.getMessage() != null && !e.getMessage().isBlank()) {
      reason = e.getMessage().strip();
    } else {
      reason = e.getClass().getSimpleName();
    }
    if (other != null && !isTargetOrTemp(other, target)) {
      reason = other + ": " + reason;
    }
    return reason.endsWith(".") ? reason : reason + ".";
  }

  private static boolean isTargetOrTemp(String file, Path target) {
    Path path = Path.of(file).toAbsolutePath().normalize();
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return path.equals(target)
        || (target.getParent().equals(path.getParent())
            && name.startsWith("." + target.getFileName() + ".")
            && name.endsWith(".tmp"));
  }
}
