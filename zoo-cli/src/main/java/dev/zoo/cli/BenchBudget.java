package dev.zoo.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The budgets of {@code zoo bench all}: how long each family's default variant trains. {@code
 * default} finishes the whole benchmark in about 15-20 minutes on 2 idle cores; {@code quick} in a
 * few minutes, to check that everything runs (its figures mean little); {@code long} approaches the
 * reference budgets of the peers. A family the budgets do not know runs its benchmark's own
 * defaults.
 */
enum BenchBudget {
  QUICK,
  DEFAULT,
  LONG;

  /**
   * What one family's benchmark gets: epochs, the first N training examples, steps (each null for
   * the benchmark's own default) and further {@code --set} values.
   */
  record Settings(Integer epochs, Integer limit, Integer steps, Map<String, String> sets) {

    /** The settings as the command-line options of {@code zoo bench FAMILY}. */
    TrainOptions options() {
      TrainOptions options = new TrainOptions();
      options.epochs = epochs;
      options.limit = limit;
      options.steps = steps;
      options.overrides.putAll(sets);
      return options;
    }
  }

  /** The families in the order of the table. */
  static final List<String> FAMILIES =
      List.of("cnn", "gan", "vae", "rnn", "transformer", "tabular");

  /** The GAN trains one budget, without the longer continuation of {@code zoo bench gan}. */
  private static final Map<String, String> ONE_GAN_BUDGET = Map.of("bench.longer", "1");

  /** The settings of {@code family}'s benchmark at this budget. */
  Settings settings(String family) {
    int i = ordinal();
    return switch (family) {
      case "cnn", "vae" ->
          new Settings(pick(i, 1, 1, 2), pick(i, 2_000, 12_000, null), null, Map.of());
      case "gan" ->
          new Settings(null, pick(i, 2_000, null, null), pick(i, 20, 300, 1_200), ONE_GAN_BUDGET);
      case "rnn", "transformer" -> new Settings(null, null, pick(i, 10, 100, 300), Map.of());
      case "tabular" -> new Settings(pick(i, 5, null, 100), null, null, Map.of());
      default -> new Settings(null, null, null, Map.of());
    };
  }

  /** The budget's name on the command line. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The budget named {@code name}.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for an unknown name
   */
  static BenchBudget of(String name) {
    for (BenchBudget b : values()) {
      if (b.id().equalsIgnoreCase(name.trim())) {
        return b;
      }
    }
    throw new dev.zoo.api.common.InvalidSettingException(
        "Unknown budget '" + name + "'; known budgets: quick, default, long.");
  }

  private static Integer pick(int index, Integer quick, Integer normal, Integer longer) {
    return index == 0 ? quick : index == 1 ? normal : longer;
  }
}
