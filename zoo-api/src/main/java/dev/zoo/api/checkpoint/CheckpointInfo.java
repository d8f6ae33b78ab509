package dev.zoo.api.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What {@code model.json} records about a checkpoint: which family and variant made it, with which
 * hyper-parameters, for which data, on which engine, after how many epochs, with which results, and
 * a checksum of every file.
 *
 * @param format the checkpoint format, {@value Checkpoint#FORMAT}
 * @param family the family name
 * @param variant the variant name
 * @param hyperparameters every hyper-parameter as a string
 * @param inputShape the shape of one input without the batch axis, e.g. [1, 28, 28]
 * @param labels class names, or empty
 * @param engine the engine that wrote it
 * @param engineVersion that engine's version
 * @param djlVersion DJL's version
 * @param engineReason why that engine was chosen
 * @param epoch completed epochs
 * @param seed the run's seed
 * @param metrics the latest metrics
 * @param extra family-specific values (vocabularies, statistics)
 * @param files file name to SHA-256, filled in when written
 * @param created ISO-8601 time of writing
 * @param provenance the training data, command and versions; null in checkpoints written before the
 *     zoo recorded it
 */
public record CheckpointInfo(
    String format,
    String family,
    String variant,
    Map<String, String> hyperparameters,
    List<Integer> inputShape,
    List<String> labels,
    String engine,
    String engineVersion,
    String djlVersion,
    String engineReason,
    int epoch,
    long seed,
    Map<String, Double> metrics,
    Map<String, Object> extra,
    Map<String, String> files,
    String created,
    Provenance provenance) {

  /** The key of {@link #extra} under which a model records its number of parameters. */
  public static final String PARAMETERS = "parameters";

  /**
   * The number of parameters (scalars) of all the model's networks as recorded at saving, or -1 in
   * checkpoints written before the zoo recorded it.
   */
  public long parameters() {
    return extra != null && extra.get(PARAMETERS) instanceof Number n ? n.longValue() : -1;
  }

  /** Returns a copy that records {@code parameters} under {@link #PARAMETERS} in {@link #extra}. */
  public CheckpointInfo withParameters(long parameters) {
    Map<String, Object> more = new java.util.LinkedHashMap<>(extra == null ? Map.of() : extra);
    more.put(PARAMETERS, parameters);
    return copy(epoch, metrics, more, files, created);
  }

  /** Returns a copy with another epoch and metrics. */
  public CheckpointInfo withProgress(int epoch, Map<String, Double> metrics) {
    return copy(epoch, metrics, extra, files, created);
  }

  /** Returns a copy with the files' checksums and the time of writing. */
  CheckpointInfo withFiles(Map<String, String> files, String created) {
    return copy(epoch, metrics, extra, files, created);
  }

  private CheckpointInfo copy(
      int epoch,
      Map<String, Double> metrics,
      Map<String, Object> extra,
      Map<String, String> files,
      String created) {
    return new CheckpointInfo(
        format,
        family,
        variant,
        hyperparameters,
        inputShape,
        labels,
        engine,
        engineVersion,
        djlVersion,
        engineReason,
        epoch,
        seed,
        metrics,
        extra,
        files,
        created,
        provenance);
  }
}
