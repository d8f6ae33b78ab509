package dev.zoo.api;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.checkpoint.ModelDescription;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.Op;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A family of models, e.g. image classifiers or GANs: its variants, what they need from an engine,
 * and the actions the {@code zoo} command runs on them. Each family module registers one
 * implementation in {@code META-INF/services/dev.zoo.api.ModelFamily}; the {@link Zoo} finds it.
 * Applications use the family's model classes (a {@link dev.zoo.api.model.BaseModel} each) instead.
 *
 * <p>{@link #name()}, {@link #summary()}, {@link #variants()}, {@link #options()} and {@link
 * #needs} must not touch an engine: {@code zoo list} calls them without loading native libraries.
 */
public interface ModelFamily {

  /** The lower-case name the command line takes, e.g. {@code cnn}. */
  String name();

  /** One line for {@code zoo list}. */
  String summary();

  /** The family's architectures; the first is the default. */
  List<Variant> variants();

  /** The variant used when none is named. */
  default Variant defaultVariant() {
    return variants().get(0);
  }

  /**
   * Looks a variant up by name; {@code null} gives the default.
   *
   * @throws InvalidSettingException for an unknown name, listing the known ones
   */
  default Variant variant(String name) {
    if (name == null || name.isBlank()) {
      return defaultVariant();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Variant v : variants()) {
      if (v.name().equals(wanted)) {
        return v;
      }
    }
    throw new InvalidSettingException(
        "Unknown variant '"
            + name
            + "' of family "
            + name()
            + "; known variants: "
            + variants().stream().map(Variant::name).collect(Collectors.joining(", "))
            + ".");
  }

  /** The family's own command-line options (none by default). */
  default List<FamilyOption> options() {
    return List.of();
  }

  /**
   * Hyper-parameters that earlier versions of the family called otherwise, old name to new, so that
   * their checkpoints keep loading.
   */
  default Map<String, String> renamedHyperparameters() {
    return Map.of();
  }

  /**
   * The values of hyper-parameters that a family gained after checkpoints were written without
   * them, where the value that reproduces those checkpoints' models differs from today's default
   * (e.g. a layer that models had no room for then).
   */
  default Map<String, String> legacyDefaults() {
    return Map.of();
  }

  /**
   * A checkpoint's hyper-parameters under today's names: renamed ones translated, and names the
   * variant has gained since at their {@link #legacyDefaults() legacy} or current defaults.
   */
  default Hyperparameters savedHyperparameters(CheckpointInfo info) {
    Map<String, String> renames = renamedHyperparameters();
    Map<String, String> saved = new LinkedHashMap<>();
    legacyDefaults().forEach(saved::put);
    info.hyperparameters().forEach((k, v) -> saved.put(renames.getOrDefault(k, k), v));
    return variant(info.variant()).defaults().overlaid(saved);
  }

  /**
   * What {@code checkpoint} says about its model, running on {@code choice}: its hyper-parameters
   * under today's names ({@link #savedHyperparameters}), input shape, labels, seed, family-specific
   * values and provenance.
   */
  default ModelDescription describe(Checkpoint checkpoint, EngineChoice choice) {
    CheckpointInfo info = checkpoint.info();
    return new ModelDescription(
        info.family(),
        info.variant(),
        savedHyperparameters(info),
        info.inputShape(),
        info.labels(),
        choice,
        info.seed(),
        info.extra() == null ? Map.of() : info.extra(),
        info.provenance());
  }

  /** What an engine must offer to train the variant (training included). */
  Set<Op> needs(String variant);

  /** What an engine must offer to run a trained variant (inference only). */
  default Set<Op> inferenceNeeds(String variant) {
    Set<Op> ops = EnumSet.noneOf(Op.class);
    ops.addAll(needs(variant));
    ops.remove(Op.TRAINING);
    ops.remove(Op.ADAM_UPDATE);
    ops.remove(Op.DROPOUT);
    return ops;
  }

  /** Trains a model as {@code request} says and returns its summary. */
  Report train(TrainRequest request, RunContext context);

  /**
   * What {@code zoo run <family>} does: trains the default variant with its defaults into a new run
   * directory, on the data the context resolves (the embedded sample as a last resort).
   */
  default Report run(TrainRequest request, RunContext context) {
    return train(request, context);
  }

  /** Evaluates a checkpoint on the test data the context resolves. */
  default Report evaluate(ModelRequest request, RunContext context) {
    return perform("evaluate", request, context);
  }

  /**
   * Measures one engine (the context's choice) for {@code zoo bench}: trains as {@code request}
   * says into a scratch directory and reports throughput, latency, peak memory and quality under
   * the keys the family's peer script in {@code bench/peers/} also prints.
   */
  default Report bench(TrainRequest request, RunContext context) {
    throw unsupported("bench");
  }

  /** Runs a checkpoint on the request's inputs (files or texts). */
  default Report predict(ModelRequest request, RunContext context) {
    return perform("predict", request, context);
  }

  /** Samples from a generative checkpoint: images or text, as the request's options say. */
  default Report generate(ModelRequest request, RunContext context) {
    return perform("generate", request, context);
  }

  /** Maps the request's inputs (files or texts) to their latent codes. */
  default Report encode(ModelRequest request, RunContext context) {
    return perform("encode", request, context);
  }

  /** Gives each input an anomaly score, highest first. */
  default Report score(ModelRequest request, RunContext context) {
    return perform("score", request, context);
  }

  /** Draws a model's attention weights over a prompt. */
  default Report attention(ModelRequest request, RunContext context) {
    return perform("attention", request, context);
  }

  /**
   * Exports a checkpoint (or one network of it) to another format, as the request's options say:
   * {@code zoo export FAMILY --format onnx --out model.onnx}; see {@link
   * dev.zoo.api.model.OnnxModels}.
   */
  default Report export(ModelRequest request, RunContext context) {
    return perform("export", request, context);
  }

  /**
   * Runs the family's {@code action} ({@code evaluate}, {@code predict}, {@code generate}, {@code
   * encode}, {@code score}, {@code attention} or {@code export}) as {@code request} says: what
   * those methods do unless the family overrides them. By default the family has no such action.
   *
   * @throws InvalidSettingException for an action the family does not have
   */
  default Report perform(String action, ModelRequest request, RunContext context) {
    throw unsupported(action);
  }

  /** The error for an action this family does not have. */
  default InvalidSettingException unsupported(String action) {
    return new InvalidSettingException("Family " + name() + " has no " + action + " action.");
  }
}
