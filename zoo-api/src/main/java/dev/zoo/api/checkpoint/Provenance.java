package dev.zoo.api.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Where a trained model came from, recorded in every checkpoint next to the engine and DJL versions
 * (as Tribuo records provenance with every model): the data it was trained on and a SHA-256 of what
 * was read, the command or API call that trained it, and the zoo, Java and operating system it ran
 * on.
 *
 * @param data the training data's source, e.g. {@code Fashion-MNIST from /usr/share/...}
 * @param dataSha256 a SHA-256 of the examples read for training, as hexadecimal
 * @param command how training was started, e.g. {@code zoo train cnn --epochs 3}
 * @param zooVersion the zoo's version
 * @param javaVersion the Java runtime's version and vendor
 * @param os the operating system's name, version and architecture
 */
public record Provenance(
    String data,
    String dataSha256,
    String command,
    String zooVersion,
    String javaVersion,
    String os) {

  /** The provenance of training on {@code data} now, in this JVM. */
  public static Provenance of(String data, String dataSha256, String command) {
    return new Provenance(
        data,
        dataSha256,
        command,
        currentZooVersion(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
  }

  /** The zoo's version, from the build; {@code unknown} when the resource is missing. */
  public static String currentZooVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("/dev/zoo/api/zoo.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
