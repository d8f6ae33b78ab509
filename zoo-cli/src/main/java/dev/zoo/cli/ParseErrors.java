package dev.zoo.cli;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.ZooException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's complaints about the command line into the zoo's style: one line, {@code zoo:
 * <sentence>}, exit status 2. An unknown family is named as such; an option the family does not
 * take says which family or command does.
 */
final class ParseErrors implements IParameterExceptionHandler {

  private final Session session;

  ParseErrors(Session session) {
    this.session = session;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    session.err.println("zoo: " + sentence(e));
    return Errors.USER;
  }

  private String sentence(ParameterException e) {
    CommandLine where = e.getCommandLine();
    Object command = where.getCommand();
    String help = "see '" + path(where) + " --help'.";
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (command instanceof ZooCommand && !first.startsWith("-")) {
        return "Unknown command '" + first + "'; " + help;
      }
      if (command instanceof ActionCommand action) {
        return first.startsWith("-") ? familyFirst(action) : unknownFamily(first);
      }
      if (command instanceof FamilyCommand family) {
        String option =
            u.getUnmatched().stream()
                .filter(a -> a.startsWith("-"))
                .findFirst()
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                .orElse(null);
        if (option == null) {
          return "Unexpected argument '" + first + "' for '" + family.path() + "'; " + help;
        }
        return unknownOption(family, option) + "; " + help;
      }
    }
    String message =
        e.getMessage() == null ? "Cannot read the command line" : e.getMessage().strip();
    return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message)
        + "; "
        + help;
  }

  private String unknownFamily(String name) {
    try {
      session.zoo.family(name);
    } catch (ZooException e) {
      return e.getMessage();
    }
    return "Unknown family '" + name + "'.";
  }

  private String familyFirst(ActionCommand action) {
    return "Name the family before the options: 'zoo "
        + action.action.id()
        + " FAMILY [OPTIONS]'; "
        + ActionCommand.knownFamilies(session)
        + ".";
  }

  /** Why {@code option} is refused on {@code command}: which commands take it, if any. */
  private String unknownOption(FamilyCommand command, String option) {
    List<String> takers = new ArrayList<>();
    for (ModelFamily family : session.zoo.families()) {
      TreeSet<String> commands = new TreeSet<>();
      for (FamilyOption o : FamilyOptions.declared(family, new ArrayList<>())) {
        if (option.equals(o.flag())) {
          commands.addAll(o.commands());
          if (o.commands().contains("train")) {
            commands.add("run");
          }
        }
      }
      commands.forEach(c -> takers.add("zoo " + c + " " + family.name()));
    }
    if (takers.isEmpty()) {
      return "Unknown option: '" + option + "'";
    }
    return "Option "
        + option
        + " does not apply to '"
        + command.path()
        + "' (only to: "
        + String.join(", ", takers)
        + ")";
  }

  /** The command as typed, e.g. {@code zoo train cnn}. */
  static String path(CommandLine commandLine) {
    return commandLine.getCommandSpec().qualifiedName(" ");
  }
}
