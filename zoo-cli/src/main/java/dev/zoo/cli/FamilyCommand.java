package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zoo ACTION FAMILY}: one action on one family, with the common options of the action (the
 * subclass's fields) and the family's own ({@link FamilyOptions}, added when the command tree is
 * built).
 */
abstract class FamilyCommand implements Runnable {

  final Session session;
  final ModelFamily family;
  final Action action;
  private FamilyOptions familyOptions;

  @Spec CommandSpec spec;

  FamilyCommand(Session session, ModelFamily family, Action action) {
    this.session = session;
    this.family = family;
    this.action = action;
  }

  /** Adds the family's options for this action to the command; warnings go to {@code warnings}. */
  void addFamilyOptions(Collection<String> warnings) {
    familyOptions = FamilyOptions.add(spec, family, action.id(), warnings);
  }

  /** The family options given, by key (see {@link FamilyOption#key()}). */
  Map<String, String> familyValues() {
    return familyOptions == null
        ? Map.of()
        : familyOptions.values(spec.commandLine().getParseResult());
  }

  /** The family options this command takes. */
  List<FamilyOption> familyOptions() {
    return familyOptions == null ? List.of() : familyOptions.options();
  }

  /** The command as typed, e.g. {@code zoo train cnn}. */
  String path() {
    return "zoo " + action.id() + " " + family.name();
  }
}
