package dev.zoo.api.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.common.ZooException;
import java.io.IOException;
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

  /** Appends one record. */
  public void append(Map<String, Object> record) {
    try {
      Files.writeString(
          file,
          GSON.toJson(record) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ZooException("Cannot write " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** Drops records of epochs after {@code epoch}, which a resumed run will write again. */
  public void truncateAfter(int epoch) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        if (!o.has("epoch") || o.get("epoch").getAsInt() <= epoch) {
          kept.add(line);
        }
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
