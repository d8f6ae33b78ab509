package dev.zoo.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the zoo's version and the DJL version it was built with. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "zoo " + (version == null ? "development build" : version),
      "DJL " + ai.djl.engine.Engine.getDjlVersion()
    };
  }
}
