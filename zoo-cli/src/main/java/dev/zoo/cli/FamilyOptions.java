package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.InvalidSettingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options a family declares for one command ({@link ModelFamily#options()} that {@link
 * FamilyOption#appliesTo} it), as picocli options of that family's sub-command, listed under their
 * own heading in its help; and the values given, by the option's key.
 */
final class FamilyOptions {

  private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9-]*");

  private final List<FamilyOption> options;

  private FamilyOptions(List<FamilyOption> options) {
    this.options = List.copyOf(options);
  }

  /**
   * Adds the options {@code family} declares for {@code command} to {@code spec}. An option whose
   * name is not a long option, or that the command already has, is left out with a warning on
   * {@code warnings}.
   */
  static FamilyOptions add(
      CommandSpec spec, ModelFamily family, String command, Collection<String> warnings) {
    List<FamilyOption> added = new ArrayList<>();
    ArgGroupSpec.Builder group =
        ArgGroupSpec.builder()
            .heading("Options of family " + family.name() + ":%n")
            .exclusive(false)
            .validate(false);
    for (FamilyOption option : declared(family, warnings)) {
      if (!option.appliesTo(command)) {
        continue;
      }
      String refusal = refusal(spec, option, added);
      if (refusal == null) {
        group.addArg(spec(option));
        added.add(option);
      } else if (!command.equals("run")) {
        // zoo run has the options of zoo train: its refusals are those of train.
        warnings.add(
            "Family " + family.name() + " declares option " + refusal + "; it is left out.");
      }
    }
    if (!added.isEmpty()) {
      spec.addArgGroup(group.build());
    }
    return new FamilyOptions(added);
  }

  /** Why the command cannot take {@code option} (the option and a clause), or null if it can. */
  private static String refusal(CommandSpec spec, FamilyOption option, List<FamilyOption> added) {
    String flag = option.flag();
    if (flag == null || !FLAG.matcher(flag).matches()) {
      return "'" + flag + "', which is not a long option name such as --beta";
    }
    if (added.stream().anyMatch(o -> o.flag().equals(flag))) {
      return flag + " twice";
    }
    if (spec.findOption(flag) != null) {
      return flag + ", which '" + spec.parent().qualifiedName(" ") + "' already has";
    }
    return null;
  }

  /** The family's options, or none (with a warning) when it fails to give them. */
  static List<FamilyOption> declared(ModelFamily family, Collection<String> warnings) {
    try {
      List<FamilyOption> options = family.options();
      return options == null ? List.of() : options;
    } catch (RuntimeException | LinkageError e) {
      warnings.add("Family " + family.name() + " cannot list its options: " + e + ".");
      return List.of();
    }
  }

  private static OptionSpec spec(FamilyOption option) {
    boolean flag = option.label() == null;
    return OptionSpec.builder(option.flag())
        .paramLabel(flag ? "" : option.label())
        .description(option.description() == null ? "" : option.description())
        .type(flag ? boolean.class : String.class)
        .arity(flag ? "0" : "1")
        .build();
  }

  /** The options added. */
  List<FamilyOption> options() {
    return options;
  }

  /**
   * The values given on the command line {@code parsed}, by key: the text given, or {@code true}
   * for a flag without a value.
   *
   * @throws InvalidSettingException when an option with a value is given more than once
   */
  Map<String, String> values(ParseResult parsed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (FamilyOption option : options) {
      if (parsed.hasMatchedOption(option.flag())) {
        List<String> given = parsed.matchedOption(option.flag()).originalStringValues();
        if (given.size() > 1) {
          throw new InvalidSettingException(
              "Option " + option.flag() + " should be given once, not " + given.size() + " times.");
        }
        Object value = parsed.matchedOptionValue(option.flag(), null);
        values.put(option.key(), option.label() == null ? "true" : String.valueOf(value));
      }
    }
    return values;
  }
}
