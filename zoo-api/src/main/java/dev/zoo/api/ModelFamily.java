package dev.zoo.api;

import dev.zoo.api.engine.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A family of models, e.g. image classifiers or GANs. Each family module registers one
 * implementation in {@code META-INF/services/dev.zoo.api.ModelFamily}; the {@link Zoo} finds it and
 * the command line drives it through the actions below.
 *
 * <p>{@link #name()}, {@link #summary()}, {@link #task()}, {@link #variants()} and {@link #needs}
 * must not touch an engine: {@code zoo list} calls them without loading native libraries.
 */
public interface ModelFamily {

  /** The lower-case name the command line takes, e.g. {@code cnn}. */
  String name();

  /** One line for {@code zoo list}. */
  String summary();

  /** What the family's models do. */
  Task task();

  /** The family's architectures; the first is the default. */
  List<Variant> variants();

  /** The variant used when none is named. */
  default Variant defaultVariant() {
    return variants().get(0);
  }

  /**
   * Looks a variant up by name; {@code null} gives the default.
   *
   * @throws ZooException for an unknown name, listing the known ones
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
    throw new ZooException(
        "Unknown variant '"
            + name
            + "' of family "
            + name()
            + "; known variants: "
            + variants().stream().map(Variant::name).collect(Collectors.joining(", "))
            + ".");
  }

  /** What an engine must offer to train the variant (training included). */
  Set<Op> needs(String variant);

  /** What an engine must offer to run a trained variant (inference only). */
  default Set<Op> inferenceNeeds(String variant) {
    Set<Op> ops = java.util.EnumSet.noneOf(Op.class);
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
  default Report evaluate(Path checkpoint, RunContext context) {
    throw unsupported("evaluate");
  }

  /**
   * Measures one engine (the context's choice) for {@code zoo bench}: trains as {@code request}
   * says into a scratch directory and reports throughput, latency, peak memory and quality under
   * the keys the family's peer script in {@code bench/peers/} also prints.
   */
  default Report bench(TrainRequest request, RunContext context) {
    throw unsupported("bench");
  }

  /** Runs a checkpoint on inputs given on the command line (files or text). */
  default Report predict(Path checkpoint, List<String> inputs, RunContext context) {
    throw unsupported("predict");
  }

  /** Samples from a generative checkpoint: images or text, as {@code request} says. */
  default Report generate(GenerateRequest request, RunContext context) {
    throw unsupported("generate");
  }

  /** Maps inputs (files or text) to their latent codes. */
  default Report encode(Path checkpoint, List<String> inputs, RunContext context) {
    throw unsupported("encode");
  }

  /** Gives each input an anomaly score, highest first. */
  default Report score(Path checkpoint, List<String> inputs, RunContext context) {
    throw unsupported("score");
  }

  /** Draws a model's attention weights over a prompt. */
  default Report attention(AttentionRequest request, RunContext context) {
    throw unsupported("attention");
  }

  /** The error for an action this family does not have. */
  default ZooException unsupported(String action) {
    return new ZooException("Family " + name() + " has no " + action + " action.");
  }
}
