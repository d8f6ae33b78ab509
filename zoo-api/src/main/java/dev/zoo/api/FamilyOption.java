package dev.zoo.api;

import java.util.List;
import java.util.Set;

/**
 * A command-line option a family adds to some of the {@code zoo} commands, e.g. {@code --beta} on
 * {@code zoo train vae} or {@code --temperature} on {@code zoo generate rnn}. On {@code train} and
 * {@code run} the option sets the hyper-parameter {@link #key}; on the other commands its value
 * reaches the family as {@code request.options().get(key)}. The command line shows it in {@code zoo
 * COMMAND FAMILY --help}.
 *
 * @param flag the option's name, e.g. {@code --beta}
 * @param key the hyper-parameter or request option it sets, e.g. {@code beta}
 * @param label the placeholder of its value in help, e.g. {@code B}; null for a flag without a
 *     value (its value is then {@code true} when given)
 * @param description one sentence for help
 * @param commands the commands that take it: {@code train} (also {@code run}), {@code eval}, {@code
 *     predict}, {@code generate}, {@code encode}, {@code score}, {@code attention}, {@code bench}
 */
public record FamilyOption(
    String flag, String key, String label, String description, Set<String> commands) {

  /** Copies the commands. */
  public FamilyOption {
    commands = Set.copyOf(commands);
  }

  /** An option with a value. */
  public static FamilyOption of(
      String flag, String key, String label, String description, String... commands) {
    return new FamilyOption(flag, key, label, description, Set.of(commands));
  }

  /** Whether {@code command} takes this option. */
  public boolean appliesTo(String command) {
    return commands.contains(command) || (command.equals("run") && commands.contains("train"));
  }

  /** The options of every image generator's {@code zoo generate}: count, format. */
  public static List<FamilyOption> imageSampling() {
    return List.of(
        of("--count", "count", "N", "How many images to draw (default 64).", "generate"),
        of(
            "--format",
            "format",
            "FORMAT",
            "grid: one PNG of all images (default); png: one 28x28 file each into --out.",
            "generate"));
  }

  /** The options of every text generator's {@code zoo generate}: prompt, length and sampling. */
  public static List<FamilyOption> textSampling() {
    return List.of(
        of("--prompt", "prompt", "TEXT", "Text to continue.", "generate", "attention"),
        of("--length", "length", "N", "Characters or tokens to generate.", "generate"),
        of(
            "--temperature",
            "temperature",
            "T",
            "Divides the logits before sampling; below 1 is more conservative (default 1).",
            "generate"),
        of("--top-k", "top_k", "K", "Sample among the K most likely tokens only.", "generate"),
        of(
            "--top-p",
            "top_p",
            "P",
            "Sample from the smallest set of tokens whose probability reaches P, in (0, 1].",
            "generate"));
  }
}
