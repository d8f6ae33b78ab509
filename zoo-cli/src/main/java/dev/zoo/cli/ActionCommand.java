package dev.zoo.cli;

import dev.zoo.api.ModelFamily;
import dev.zoo.api.common.InvalidSettingException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code zoo ACTION}: holds one sub-command per family; run without one, it asks for a family. */
@Command
class ActionCommand implements Runnable {

  final Session session;
  final Action action;

  ActionCommand(Session session, Action action) {
    this.session = session;
    this.action = action;
  }

  @Override
  public void run() {
    throw new InvalidSettingException(
        "Name a family: 'zoo " + action.id() + " FAMILY'; " + knownFamilies(session) + ".");
  }

  /** {@code known families: a, b}, or {@code no family is registered}. */
  static String knownFamilies(Session session) {
    return session.zoo.families().isEmpty()
        ? "no family is registered"
        : "known families: "
            + session.zoo.families().stream()
                .map(ModelFamily::name)
                .collect(Collectors.joining(", "));
  }
}
