package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds the {@code zoo} command from the registry: {@code list} and {@code engines}, and for every
 * {@link Action} one sub-command per registered family with the action's common options and the
 * options the family declares for it, e.g. {@code zoo train vae --beta 4}; {@code zoo bench} also
 * has {@code all} ({@link BenchAllCommand}).
 */
final class CommandTree {

  private CommandTree() {}

  /**
   * The command line of {@code session}. Family options that cannot be added (a bad name, one the
   * command already has) are left out, each with a warning in {@code warnings}.
   */
  static CommandLine build(Session session, Collection<String> warnings) {
    CommandLine root = new CommandLine(new ZooCommand(session));
    for (Action action : Action.values()) {
      ActionCommand command =
          action == Action.INFO ? new InfoCommand(session) : new ActionCommand(session, action);
      CommandSpec spec = CommandSpec.forAnnotatedObject(command);
      describe(spec, action.description());
      spec.usageMessage().synopsisSubcommandLabel("FAMILY").commandListHeading("Families:%n");
      root.addSubcommand(action.id(), new CommandLine(spec));
      CommandLine actionLine = root.getSubcommands().get(action.id());
      actionLine.setSubcommandsCaseInsensitive(true);
      for (ModelFamily family : session.zoo.families()) {
        actionLine.addSubcommand(family.name(), familyCommand(session, action, family));
        FamilyCommand added =
            (FamilyCommand) actionLine.getSubcommands().get(family.name()).getCommand();
        added.addFamilyOptions(warnings);
      }
      if (action == Action.BENCH) {
        CommandSpec all = CommandSpec.forAnnotatedObject(new BenchAllCommand(session));
        all.usageMessage().abbreviateSynopsis(true);
        actionLine.addSubcommand("all", new CommandLine(all));
      }
    }
    return root;
  }

  private static CommandLine familyCommand(Session session, Action action, ModelFamily family) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(action.command(session, family));
    describe(spec, action.description(), "Family " + family.name() + ": " + family.summary());
    UsageMessageSpec usage = spec.usageMessage();
    // The header names the family in the action's list of families; the family's own help opens
    // with its usage line instead.
    usage.header(family.summary());
    List<String> sections = new ArrayList<>(usage.sectionKeys());
    sections.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
    sections.remove(UsageMessageSpec.SECTION_KEY_HEADER);
    usage.sectionKeys(sections);
    return new CommandLine(spec);
  }

  private static void describe(CommandSpec spec, String... description) {
    spec.usageMessage().description(description).abbreviateSynopsis(true);
  }
}
