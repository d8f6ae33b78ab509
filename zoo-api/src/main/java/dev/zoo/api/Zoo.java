package dev.zoo.api;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.EngineSelector;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of model families and engine backends, found with {@link ServiceLoader}. A plugin
 * that fails to load is recorded in {@link #problems()} instead of breaking discovery.
 */
public final class Zoo {

  private final Map<String, ModelFamily> families;
  private final List<EngineBackend> backends;
  private final List<String> problems;

  private Zoo(
      Map<String, ModelFamily> families, List<EngineBackend> backends, List<String> problems) {
    this.families = Collections.unmodifiableMap(families);
    this.backends = List.copyOf(backends);
    this.problems = List.copyOf(problems);
  }

  /** Discovers families and backends on the class path of this class. */
  public static Zoo discover() {
    return discover(Zoo.class.getClassLoader());
  }

  /** Discovers families and backends visible to {@code loader}. */
  public static Zoo discover(ClassLoader loader) {
    List<String> problems = new ArrayList<>();
    Map<String, ModelFamily> families = new LinkedHashMap<>();
    for (ModelFamily family : load(ModelFamily.class, loader, problems)) {
      String name;
      String broken;
      try {
        name = family.name().toLowerCase(Locale.ROOT);
        broken = brokenBecause(family);
      } catch (RuntimeException | LinkageError e) {
        broken = e.toString();
        name = null;
      }
      if (broken != null) {
        problems.add("Family " + family.getClass().getName() + " is broken: " + broken + ".");
        continue;
      }
      if (families.containsKey(name)) {
        problems.add(
            "Family '"
                + name
                + "' of "
                + family.getClass().getName()
                + " is ignored: the name is taken by "
                + families.get(name).getClass().getName()
                + ".");
        continue;
      }
      families.put(name, family);
    }
    List<EngineBackend> backends = load(EngineBackend.class, loader, problems);
    Map<String, ModelFamily> sorted = new LinkedHashMap<>();
    families.keySet().stream().sorted().forEach(k -> sorted.put(k, families.get(k)));
    backends.sort(Comparator.comparingInt(EngineBackend::preference));
    return new Zoo(sorted, backends, problems);
  }

  /**
   * Why {@code family} cannot be used, or null: it lacks a method of {@link ModelFamily} (a plugin
   * built against an older zoo-api, which would fail with {@code AbstractMethodError} when called),
   * or has no variants.
   */
  private static String brokenBecause(ModelFamily family) {
    for (Method m : ModelFamily.class.getMethods()) {
      if (Modifier.isAbstract(m.getModifiers())) {
        try {
          Method own = family.getClass().getMethod(m.getName(), m.getParameterTypes());
          if (!Modifier.isAbstract(own.getModifiers())) {
            continue;
          }
        } catch (NoSuchMethodException e) {
          // reported below
        }
        return "it lacks the method "
            + m.getName()
            + " of ModelFamily (it was built against an older zoo-api; rebuild it)";
      }
    }
    return family.variants().isEmpty() ? "it has no variants" : null;
  }

  /**
   * A class loader over the jars in {@code dir} (a plugins folder), with {@code parent} as its
   * parent; a missing folder gives {@code parent} itself.
   */
  public static ClassLoader pluginLoader(Path dir, ClassLoader parent) {
    if (dir == null || !Files.exists(dir)) {
      if (dir != null) {
        throw new ZooException("Plugins folder " + dir + " does not exist.");
      }
      return parent;
    }
    if (!Files.isDirectory(dir)) {
      throw new ZooException("Plugins folder " + dir + " is not a directory.");
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new ZooException("Cannot use a plugin in " + dir + ": " + e.getMessage() + ".", e);
    } catch (IOException e) {
      throw new ZooException("Cannot list plugins folder " + dir + ": " + e.getMessage() + ".", e);
    }
    return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  private static <T> List<T> load(Class<T> type, ClassLoader loader, List<String> problems) {
    List<T> found = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(type, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        problems.add(
            "A "
                + type.getSimpleName()
                + " plugin failed to load: "
                + e.getMessage()
                + (e.getCause() != null ? " (" + e.getCause() + ")" : "")
                + ".");
      }
    }
    return found;
  }

  /** The families, sorted by name. */
  public List<ModelFamily> families() {
    return List.copyOf(families.values());
  }

  /**
   * The family called {@code name}.
   *
   * @throws ZooException for an unknown name, listing the known ones
   */
  public ModelFamily family(String name) {
    ModelFamily family = families.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
    if (family == null) {
      throw new ZooException(
          "Unknown family '"
              + name
              + "'; known families: "
              + (families.isEmpty() ? "none" : String.join(", ", families.keySet()))
              + ".");
    }
    return family;
  }

  /** The engine backends, preferred first. */
  public List<EngineBackend> backends() {
    return backends;
  }

  /** An engine selector over this registry's backends. */
  public EngineSelector selector() {
    return new EngineSelector(backends);
  }

  /** Plugins that could not be loaded, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "Zoo"
        + families.keySet()
        + backends.stream().map(EngineBackend::name).collect(Collectors.toList());
  }

  /** Creates a registry from explicit parts, for tests and embedding. */
  public static Zoo of(List<ModelFamily> families, List<EngineBackend> backends) {
    Map<String, ModelFamily> map = new LinkedHashMap<>();
    families.stream()
        .sorted(Comparator.comparing(ModelFamily::name))
        .forEach(f -> map.put(f.name().toLowerCase(Locale.ROOT), f));
    List<EngineBackend> sorted = new ArrayList<>(backends);
    sorted.sort(Comparator.comparingInt(EngineBackend::preference));
    return new Zoo(map, sorted, List.of());
  }
}
