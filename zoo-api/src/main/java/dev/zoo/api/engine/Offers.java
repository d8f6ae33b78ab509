package dev.zoo.api.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an engine can do: the operations it offers (training among them) and whether it has a GPU.
 *
 * @param ops the operations the engine runs
 * @param gpu whether at least one GPU is usable
 */
public record Offers(Set<Op> ops, boolean gpu) {

  /** Copies {@code ops} so that the record stays immutable. */
  public Offers {
    ops =
        Collections.unmodifiableSet(ops.isEmpty() ? EnumSet.noneOf(Op.class) : EnumSet.copyOf(ops));
  }

  /**
   * Every operation the zoo knows but {@code lacking}, as a training engine declares its offers.
   *
   * @param gpu whether at least one GPU is usable
   * @param lacking the operations the engine does not run
   */
  public static Offers allBut(boolean gpu, Op... lacking) {
    EnumSet<Op> ops = EnumSet.allOf(Op.class);
    ops.removeAll(List.of(lacking));
    return new Offers(ops, gpu);
  }

  /** Whether the engine can compute gradients and update parameters. */
  public boolean training() {
    return ops.contains(Op.TRAINING);
  }

  /** The operations of {@code needs} that this engine lacks, in declaration order. */
  public Set<Op> missing(Set<Op> needs) {
    EnumSet<Op> missing = EnumSet.noneOf(Op.class);
    for (Op op : needs) {
      if (!ops.contains(op)) {
        missing.add(op);
      }
    }
    return missing;
  }

  /** All operations the zoo knows that this engine lacks. */
  public Set<Op> lacks() {
    return missing(EnumSet.allOf(Op.class));
  }
}
