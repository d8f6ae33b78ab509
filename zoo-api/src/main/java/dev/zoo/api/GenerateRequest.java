package dev.zoo.api;

import java.nio.file.Path;

/**
 * What {@code zoo generate} asks of a checkpoint: images (count, class, output file and format) or
 * text (prompt, length and sampling settings). Null fields were not given; a family uses the ones
 * that apply to it and refuses, in one sentence, those that do not (e.g. a class for an
 * unconditional model).
 *
 * @param checkpoint a run directory or checkpoint directory
 * @param count how many samples, or null
 * @param out where to write samples (a PNG file, or a folder for single files), or null
 * @param format {@code grid} (one PNG) or {@code png} (one file per sample), or null
 * @param label a class name or index for class-conditional models, or null
 * @param prompt text to continue, or null
 * @param length how many characters or tokens to generate, or null
 * @param temperature divides the logits before sampling, or null
 * @param topK sample among the k most likely only, or null
 * @param topP sample from the smallest set whose probability reaches p, or null
 */
public record GenerateRequest(
    Path checkpoint,
    Integer count,
    Path out,
    String format,
    String label,
    String prompt,
    Integer length,
    Double temperature,
    Integer topK,
    Double topP) {

  /** Checks the values that are wrong for every family, with one sentence per problem. */
  public GenerateRequest {
    if (checkpoint == null) {
      throw new ZooException("A checkpoint is needed (--checkpoint DIR).");
    }
    if (count != null && count <= 0) {
      throw new ZooException("Count must be a positive number, not " + count + ".");
    }
    if (length != null && length <= 0) {
      throw new ZooException("Length must be a positive number, not " + length + ".");
    }
    if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
      throw new ZooException("Temperature must be a positive number, not " + temperature + ".");
    }
    if (topK != null && topK <= 0) {
      throw new ZooException("Top-k must be a positive number, not " + topK + ".");
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw new ZooException("Top-p must be in (0, 1], not " + topP + ".");
    }
    if (format != null && !format.equals("grid") && !format.equals("png")) {
      throw new ZooException("Format must be 'grid' or 'png', not '" + format + "'.");
    }
  }

  /** A request with only the checkpoint set, for apps and tests to fill with {@code with...}. */
  public static GenerateRequest of(Path checkpoint) {
    return new GenerateRequest(checkpoint, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with the count set. */
  public GenerateRequest withCount(int n) {
    return new GenerateRequest(
        checkpoint, n, out, format, label, prompt, length, temperature, topK, topP);
  }

  /** A copy with the output path set. */
  public GenerateRequest withOut(Path path) {
    return new GenerateRequest(
        checkpoint, count, path, format, label, prompt, length, temperature, topK, topP);
  }

  /** A copy with the class set. */
  public GenerateRequest withLabel(String name) {
    return new GenerateRequest(
        checkpoint, count, out, format, name, prompt, length, temperature, topK, topP);
  }

  /** A copy with the prompt and length set. */
  public GenerateRequest withPrompt(String text, int n) {
    return new GenerateRequest(
        checkpoint, count, out, format, label, text, n, temperature, topK, topP);
  }
}
