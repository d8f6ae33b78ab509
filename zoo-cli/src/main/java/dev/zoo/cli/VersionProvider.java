package dev.zoo.cli;

import dev.zoo.api.checkpoint.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the zoo's version and the DJL version it runs with. Picocli asks for them whenever the
 * command tree is built, so they are read from resources: asking DJL's {@code Engine} would start
 * its engine discovery on every command.
 */
final class VersionProvider implements IVersionProvider {

  private static final String DJL_PROPERTIES = "ai/djl/engine/api.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"zoo " + Provenance.currentZooVersion(), "DJL " + djlVersion()};
  }

  private static String djlVersion() {
    try (InputStream in =
        VersionProvider.class.getClassLoader().getResourceAsStream(DJL_PROPERTIES)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("djl_version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
