package dev.zoo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after its name. */
final class GlobalOptions {

  @Option(
      names = "--engine",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description =
          "Engine to use: pytorch, mxnet, tensorflow or onnxruntime (default: ZOO_ENGINE, else the "
              + "best engine that covers the job's needs).")
  String engine;

  @Option(
      names = "--device",
      scope = ScopeType.INHERIT,
      paramLabel = "DEVICE",
      description = "cpu, gpu or gpu(N) (default: a GPU when the engine has one, else cpu).")
  String device;

  @Option(
      names = "--seed",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of initialisation, shuffling and sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print engine logs and stack traces of errors.")
  boolean verbose;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the result as JSON on standard output.")
  boolean json;

  @Option(
      names = "--plugins",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "A folder of extra family jars (default: ZOO_PLUGINS).")
  Path plugins;
}
