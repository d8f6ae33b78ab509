package dev.zoo.api;

import dev.zoo.api.engine.Op;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ModelFamily} declared by its parts: name, summary, variants, options and the operations
 * its variants need. A family extends it and implements only its actions ({@code train}, {@code
 * evaluate}, {@code predict}...); a family whose variants need different operations overrides
 * {@link #needs}.
 */
public abstract class AbstractFamily implements ModelFamily {

  private final String name;
  private final String summary;
  private final List<Variant> variants;
  private final List<FamilyOption> options;
  private final Set<Op> needs;

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

  @Override
  public Set<Op> needs(String variant) {
    return EnumSet.copyOf(needs);
  }
}
