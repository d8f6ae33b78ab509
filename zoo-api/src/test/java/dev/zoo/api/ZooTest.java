package dev.zoo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Op;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of model-family plugins from jars and of the engine backends on the class path. */
class ZooTest {

  private static final String SERVICES = "META-INF/services/" + ModelFamily.class.getName();

  private static final String ECHO_FAMILY =
      """
      package plugintest;

      import dev.zoo.api.*;
      import dev.zoo.api.common.Hyperparameters;
      import dev.zoo.api.engine.Op;
      import java.util.*;

      public class EchoFamily implements ModelFamily {
        public String name() { return "Echo"; }
        public String summary() { return "Repeats its input."; }
        public List<Variant> variants() {
          return List.of(
              new Variant("tiny", Task.TEXT_GENERATION, "The tiny echo.", Hyperparameters.builder().put("epochs", 1).build()),
              new Variant("big", Task.TEXT_GENERATION, "The big echo.", Hyperparameters.builder().put("epochs", 9).build()));
        }
        public Set<Op> needs(String variant) { return EnumSet.of(Op.TRAINING, Op.LINEAR); }
        public Report train(TrainRequest request, RunContext context) {
          return new Report("trained", Map.of());
        }
      }
      """;

  /** Same lower-case name as EchoFamily: must be ignored with a problem. */
  private static final String DUPLICATE_FAMILY =
      """
      package plugintest;

      public class DuplicateFamily extends EchoFamily {
        public String name() { return "echo"; }
      }
      """;

  /** Throws from name(): must be recorded as broken, not break discovery. */
  private static final String THROWING_FAMILY =
      """
      package plugintest;

      public class ThrowingFamily extends EchoFamily {
        public String name() { throw new IllegalStateException("no name today"); }
      }
      """;

  @TempDir static Path classes;

  @BeforeAll
  static void compilePlugins() throws IOException {
    Path src = Files.createDirectories(classes.resolve("src/plugintest"));
    Files.writeString(src.resolve("EchoFamily.java"), ECHO_FAMILY);
    Files.writeString(src.resolve("DuplicateFamily.java"), DUPLICATE_FAMILY);
    Files.writeString(src.resolve("ThrowingFamily.java"), THROWING_FAMILY);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK with a Java compiler");
    Path out = Files.createDirectories(classes.resolve("out"));
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString(),
                    "--release",
                    "17"),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(
                        src.resolve("EchoFamily.java"),
                        src.resolve("DuplicateFamily.java"),
                        src.resolve("ThrowingFamily.java")))
            .call();
    assertTrue(ok, "the test plugin does not compile: " + diagnostics);
  }

  /** Writes a jar with the compiled test plugin classes and the given services file. */
  private static Path jar(Path dir, String name, String services) throws IOException {
    Path jar = dir.resolve(name);
    Path out = classes.resolve("out");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(os);
        Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jos.putNextEntry(new JarEntry(out.relativize(file).toString().replace('\\', '/')));
        jos.write(Files.readAllBytes(file));
        jos.closeEntry();
      }
      jos.putNextEntry(new JarEntry(SERVICES));
      jos.write(services.getBytes(StandardCharsets.UTF_8));
      jos.closeEntry();
    }
    return jar;
  }

  private static void close(ClassLoader loader) throws IOException {
    if (loader instanceof URLClassLoader urls) {
      urls.close();
    }
  }

  @Test
  void findsFamilyInPluginJar(@TempDir Path plugins) throws IOException {
    jar(plugins, "echo.jar", "plugintest.EchoFamily\n");
    ClassLoader parent = ZooTest.class.getClassLoader();

    ClassLoader loader = Zoo.pluginLoader(plugins, parent);
    try {
      Zoo zoo = Zoo.discover(loader);

      assertEquals(
          List.of("Echo"), zoo.families().stream().map(ModelFamily::name).toList(), zoo::toString);
      ModelFamily echo = zoo.family("echo");
      assertEquals("plugintest.EchoFamily", echo.getClass().getName());
      assertSame(echo, zoo.family(" ECHO "));
      assertEquals("big", echo.variant("big").name());
      assertEquals(9, echo.variant("big").defaults().getInt("epochs"));
      assertEquals("tiny", echo.variant(null).name());
      assertEquals(List.of(), zoo.problems());
    } finally {
      close(loader);
    }
  }

  @Test
  void brokenPluginIsRecordedAndDoesNotHideGoodOnes(@TempDir Path plugins) throws IOException {
    // Jars are read in name order, so the broken one comes first.
    jar(plugins, "a-broken.jar", "plugintest.MissingFamily\n");
    jar(
        plugins,
        "b-good.jar",
        "# a comment\nplugintest.ThrowingFamily\nplugintest.EchoFamily\nplugintest.DuplicateFamily\n");

    ClassLoader loader = Zoo.pluginLoader(plugins, ZooTest.class.getClassLoader());
    try {
      Zoo zoo = Zoo.discover(loader);

      assertEquals(List.of("Echo"), zoo.families().stream().map(ModelFamily::name).toList());
      assertEquals("plugintest.EchoFamily", zoo.family("echo").getClass().getName());
      List<String> problems = zoo.problems();
      assertEquals(3, problems.size(), problems::toString);
      assertTrue(
          problems.stream()
              .anyMatch(p -> p.contains("ModelFamily") && p.contains("plugintest.MissingFamily")),
          problems::toString);
      assertTrue(
          problems.stream()
              .anyMatch(
                  p ->
                      p.contains("plugintest.ThrowingFamily is broken")
                          && p.contains("no name today")),
          problems::toString);
      assertTrue(
          problems.stream()
              .anyMatch(
                  p ->
                      p.contains("plugintest.DuplicateFamily is ignored")
                          && p.contains("taken by plugintest.EchoFamily")),
          problems::toString);
    } finally {
      close(loader);
    }
  }

  @Test
  void unknownFamilyListsKnownOnes(@TempDir Path plugins) throws IOException {
    jar(plugins, "echo.jar", "plugintest.EchoFamily\n");
    ClassLoader loader = Zoo.pluginLoader(plugins, ZooTest.class.getClassLoader());
    try {
      Zoo zoo = Zoo.discover(loader);

      ZooException e = assertThrows(ZooException.class, () -> zoo.family("gan"));

      assertTrue(e.getMessage().startsWith("Unknown family 'gan'"), e.getMessage());
      assertTrue(e.getMessage().contains("known families: echo"), e.getMessage());
    } finally {
      close(loader);
    }
  }

  @Test
  void unknownFamilyWithoutAnyFamilySaysNone() {
    Zoo zoo = Zoo.of(List.of(), List.of());

    ZooException e = assertThrows(ZooException.class, () -> zoo.family("cnn"));

    assertTrue(e.getMessage().contains("known families: none"), e.getMessage());
  }

  @Test
  void pluginsPathMustBeAnExistingDirectory(@TempDir Path dir) throws IOException {
    ClassLoader parent = ZooTest.class.getClassLoader();
    Path file = Files.writeString(dir.resolve("plugins.txt"), "not a folder");
    Path missing = dir.resolve("missing");

    ZooException notDir = assertThrows(ZooException.class, () -> Zoo.pluginLoader(file, parent));
    ZooException absent = assertThrows(ZooException.class, () -> Zoo.pluginLoader(missing, parent));

    assertTrue(notDir.getMessage().contains("is not a directory"), notDir.getMessage());
    assertTrue(notDir.getMessage().contains(file.toString()), notDir.getMessage());
    assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
  }

  @Test
  void noPluginsMeansTheParentLoader(@TempDir Path emptyDir) {
    ClassLoader parent = ZooTest.class.getClassLoader();

    assertSame(parent, Zoo.pluginLoader(null, parent));
    assertSame(parent, Zoo.pluginLoader(emptyDir, parent));
  }

  @Test
  void zooApiRegistersNoEngineBackendOfItsOwn() {
    // Each engine is a module of its own (dev.zoo:zoo-engine-pytorch, ...): their tests check that
    // they are discovered, available without loading, and honest about what they offer; zoo-cli's
    // tests check all four together. zoo-api holds the interfaces only.
    Zoo zoo = Zoo.discover();

    assertEquals(List.of(), zoo.backends());
    assertEquals(List.of(), zoo.problems());
    ZooException e =
        assertThrows(
            ZooException.class,
            () ->
                zoo.selector()
                    .choose(
                        "training echo/tiny",
                        EnumSet.of(Op.TRAINING),
                        EngineRequest.of("tensorflow")));
    assertEquals(
        "Engine tensorflow is not available: its module dev.zoo:zoo-engine-tensorflow is not on"
            + " the class path.",
        e.getMessage());
  }

  @Test
  void testClassPathHasNoFamilies() {
    Zoo zoo = Zoo.discover();

    assertEquals(List.of(), zoo.families());
    ZooException e = assertThrows(ZooException.class, () -> zoo.family("cnn"));
    assertTrue(e.getMessage().contains("known families: none"), e.getMessage());
  }
}
