package dev.zoo.transformer;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointWriter;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.text.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's tokenizer in its checkpoint: {@code tokenizer.txt} holds what {@link
 * Tokenizer#serialise()} wrote, and {@code model.json}'s family-specific values name its kind
 * ({@code tokenizer}) and size ({@code vocabulary_size}).
 */
final class TokenizerFile {

  /** The checkpoint file of the tokenizer. */
  static final String FILE = "tokenizer.txt";

  private TokenizerFile() {}

  /** The values {@code model.json} records about {@code tokenizer}. */
  static Map<String, Object> extra(Tokenizer tokenizer) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("tokenizer", tokenizer.kind());
    extra.put("vocabulary_size", tokenizer.size());
    return extra;
  }

  /** Writes {@code tokenizer} into the checkpoint being written. */
  static void write(CheckpointWriter writer, Tokenizer tokenizer) {
    writer.put(FILE, out -> out.write(tokenizer.serialise().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Reads the tokenizer of {@code checkpoint}.
   *
   * @throws CheckpointException when it is missing, of an unknown kind or damaged
   */
  static Tokenizer read(Checkpoint checkpoint) {
    Map<String, Object> extra = checkpoint.info().extra();
    Object kind = extra == null ? null : extra.get("tokenizer");
    try (InputStream in = checkpoint.open(FILE)) {
      return Tokenizer.parse(
          String.valueOf(kind), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | InvalidDataException e) {
      throw new CheckpointException(
          "Checkpoint " + checkpoint.dir() + " is corrupted: its tokenizer cannot be read.", e);
    }
  }
}
