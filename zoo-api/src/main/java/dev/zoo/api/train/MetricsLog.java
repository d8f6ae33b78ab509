package dev.zoo.api.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code metrics.jsonl} file of a run: one JSON object per epoch. */
public final class MetricsLog {

  /** The file name inside a run directory. */
  public static final String FILE = "metrics.jsonl";

  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

  private final Path file;

  /** A log in {@code runDir}. */
  public MetricsLog(Path runDir) {
    this.file = runDir.resolve(FILE);
  }

  /**
   * Appends one record. A record that cannot be written whole (a full disk) is taken back, so the
   * file keeps only whole lines.
   *
   * @throws ZooException when the file cannot be written
   */
  public void append(Map<String, Object> record) {
    byte[] line = (GSON.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long size = channel.size();
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer, size + buffer.position());
        }
      } catch (IOException e) {
        channel.truncate(size);
        throw e;
      }
    } catch (IOException e) {
      throw new ZooException("Cannot write " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /**
   * Drops records of epochs after {@code epoch}, which a resumed run will write again, and a last
   * line that a killed process left unfinished (not a record, and no line end after it). The file
   * is replaced by a rename, and only when a line goes.
   *
   * @throws ZooException when the file cannot be read or replaced, or holds a damaged line
   */
  public void truncateAfter(int epoch) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      boolean unterminated = !text.isEmpty() && !text.endsWith("\n");
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        JsonObject o = line.isBlank() ? null : parse(line, unterminated && i == lines.size() - 1);
        if (o != null && (!o.has("epoch") || o.get("epoch").getAsInt() <= epoch)) {
          kept.add(line);
        }
      }
      if (kept.size() == lines.size()) {
        return;
      }
      Path tmp = Files.createTempFile(file.getParent(), ".metrics", ".tmp");
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      throw new ZooException("Cannot update " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** One record; null for an unfinished last line (no line end) that is not one. */
  private static JsonObject parse(String line, boolean unfinished) {
    try {
      return JsonParser.parseString(line).getAsJsonObject();
    } catch (RuntimeException e) {
      if (unfinished) {
        return null;
      }
      throw e;
    }
  }

  /** The records, oldest first. */
  public List<JsonObject> read() {
    List<JsonObject> records = new ArrayList<>();
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            records.add(JsonParser.parseString(line).getAsJsonObject());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ZooException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
    return records;
  }
}
