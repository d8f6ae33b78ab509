package dev.zoo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code zoo} command. Its sub-commands do the work: {@code list} and {@code engines}
 * directly, the actions ({@code train}, {@code generate}, ...) through one sub-command per family,
 * added by {@link CommandTree}.
 */
@Command(
    name = "zoo",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description =
        "A model zoo for the JVM: list, train, evaluate and run deep-learning models "
            + "on PyTorch, MXNet or TensorFlow through Deep Java Library.",
    subcommands = {ListCommand.class, ModelsCommand.class, EnginesCommand.class})
final class ZooCommand implements Runnable {

  final Session session;

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  ZooCommand(Session session) {
    this.session = session;
    this.global = session.global;
  }

  @Override
  public void run() {
    spec.commandLine().usage(session.out);
  }
}
