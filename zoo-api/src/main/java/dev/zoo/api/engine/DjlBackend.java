package dev.zoo.api.engine;

import ai.djl.engine.Engine;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.common.ZooException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The common part of the zoo's DJL engine backends: class-path checks that do not load natives, and
 * loading through DJL with failures turned into one clear sentence.
 */
public abstract class DjlBackend implements EngineBackend {

  private final String name;
  private final String djlEngine;
  private final String providerClass;
  private final String nativeResource;
  private final int preference;

  /**
   * Creates a backend.
   *
   * @param name the zoo's name of the engine
   * @param djlEngine DJL's name of the engine
   * @param providerClass DJL's engine provider class, looked up without initialising it
   * @param nativeResource a class-path resource present when the engine's natives are
   * @param preference rank among engines covering the same needs, lower first
   */
  protected DjlBackend(
      String name, String djlEngine, String providerClass, String nativeResource, int preference) {
    this.name = name;
    this.djlEngine = djlEngine;
    this.providerClass = providerClass;
    this.nativeResource = nativeResource;
    this.preference = preference;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String djlEngine() {
    return djlEngine;
  }

  @Override
  public int preference() {
    return preference;
  }

  @Override
  public boolean isAvailable() {
    return unavailableReason().isEmpty();
  }

  @Override
  public String unavailableReason() {
    ClassLoader loader = loader();
    try {
      Class.forName(providerClass, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return "the " + djlEngine + " engine jar is not on the class path";
    }
    if (loader.getResource(nativeResource) == null) {
      return "no " + djlEngine + " native library is on the class path";
    }
    return "";
  }

  @Override
  public boolean hasGpu() {
    if (!Files.exists(Path.of("/proc/driver/nvidia/version"))) {
      return false;
    }
    Properties properties = nativeProperties();
    String flavor = properties.getProperty("flavor", properties.getProperty("classifier", ""));
    return flavor.startsWith("cu") || flavor.contains("cu1");
  }

  /** The properties file of the native jar, or empty properties. */
  protected Properties nativeProperties() {
    Properties properties = new Properties();
    try (InputStream in = loader().getResourceAsStream(nativeResource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // An unreadable properties file only means the flavour is unknown.
    }
    return properties;
  }

  @Override
  public Engine load() {
    if (!isAvailable()) {
      throw new EngineException(
          "Engine " + name + " is not available: " + unavailableReason() + ".");
    }
    // The zoo never reaches the network at run time: DJL must not download natives or models,
    // nor report usage (it does on EC2 unless told not to).
    setDefault("ai.djl.offline", "true");
    setDefault("OPT_OUT_TRACKING", "true");
    // DJL works out some blocks' output shapes on its default engine; unless the application
    // chose one, the first engine the zoo loads is that default, so no second engine loads.
    setDefault("ai.djl.default_engine", djlEngine);
    prepare();
    try {
      Engine engine = Engine.getEngine(djlEngine);
      if (engine == null) {
        throw new EngineException("Engine " + name + " could not be loaded by DJL.");
      }
      return engine;
    } catch (ZooException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new EngineException(
          "Engine " + name + " failed to load its native library: " + firstLine(e) + ".", e);
    }
  }

  private static void setDefault(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** The class loader that holds the engine classes. */
  protected ClassLoader loader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : DjlBackend.class.getClassLoader();
  }

  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    return (newline >= 0 ? message.substring(0, newline) : message).replaceAll("[.\\s]+$", "");
  }
}
