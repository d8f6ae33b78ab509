package dev.zoo.api;

import dev.zoo.api.engine.Op;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A {@link ModelFamily} declared by its parts: name, summary, variants, options and the operations
 * its variants need. A family extends it and implements only its actions: {@code train}, and either
 * overrides of {@code evaluate}, {@code predict}... or, where another class of the family does the
 * work, a {@link #command} (and {@link #benchmark}) declared in its constructor. A family whose
 * variants need different operations overrides {@link #needs}.
 */
public abstract class AbstractFamily implements ModelFamily {

  private static final Set<String> ACTIONS =
      Set.of("evaluate", "predict", "generate", "encode", "score", "attention", "export");

  private final String name;
  private final String summary;
  private final List<Variant> variants;
  private final List<FamilyOption> options;
  private final Set<Op> needs;
  private final Map<String, Set<Op>> variantNeeds = new HashMap<>();
  private final Map<String, String> renamed = new LinkedHashMap<>();
  private final Map<String, BiFunction<ModelRequest, RunContext, Report>> commands =
      new HashMap<>();
  private BiFunction<TrainRequest, RunContext, Report> benchmark;

  /**
   * @param name the lower-case name the command line takes
   * @param summary one line for {@code zoo list}
   * @param variants the variants, the default first
   * @param options the family's own command-line options
   * @param needs what an engine must offer to train every variant
   */
  protected AbstractFamily(
      String name,
      String summary,
      List<Variant> variants,
      List<FamilyOption> options,
      Set<Op> needs) {
    this.name = name;
    this.summary = summary;
    this.variants = List.copyOf(variants);
    this.options = List.copyOf(options);
    this.needs = needs.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(needs);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  @Override
  public List<Variant> variants() {
    return variants;
  }

  @Override
  public List<FamilyOption> options() {
    return options;
  }

  /** What an engine must offer to train {@code variant}: the family's needs and the variant's. */
  @Override
  public Set<Op> needs(String variant) {
    Set<Op> ops = EnumSet.copyOf(needs);
    ops.addAll(variantNeeds.getOrDefault(variant, Set.of()));
    return ops;
  }

  /** Declares what {@code variant} needs besides what every variant of the family needs. */
  protected final void alsoNeeds(String variant, Op... ops) {
    variantNeeds.computeIfAbsent(variant, v -> EnumSet.noneOf(Op.class)).addAll(List.of(ops));
  }

  /**
   * Declares that earlier versions of the family called hyper-parameter {@code newName} {@code
   * oldName}; see {@link #renamedHyperparameters()}.
   */
  protected final void renamed(String oldName, String newName) {
    renamed.put(oldName, newName);
  }

  @Override
  public Map<String, String> renamedHyperparameters() {
    return Collections.unmodifiableMap(renamed);
  }

  /**
   * Declares what the family does for {@code zoo ACTION} on a checkpoint.
   *
   * @param action {@code evaluate}, {@code predict}, {@code generate}, {@code encode}, {@code
   *     score}, {@code attention} or {@code export}
   * @throws IllegalArgumentException for another action
   */
  protected final void command(String action, BiFunction<ModelRequest, RunContext, Report> how) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("No action " + action + " takes a checkpoint.");
    }
    commands.put(action, how);
  }

  /** Declares what the family does for {@code zoo bench}: see {@link ModelFamily#bench}. */
  protected final void benchmark(BiFunction<TrainRequest, RunContext, Report> how) {
    this.benchmark = how;
  }

  @Override
  public Report bench(TrainRequest request, RunContext context) {
    if (benchmark == null) {
      throw unsupported("bench");
    }
    return benchmark.apply(request, context);
  }

  /** Runs the {@link #command} declared for {@code action}. */
  @Override
  public Report perform(String action, ModelRequest request, RunContext context) {
    BiFunction<ModelRequest, RunContext, Report> how = commands.get(action);
    if (how == null) {
      throw unsupported(action);
    }
    return how.apply(request, context);
  }
}
