package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.ModelFamily;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars for tests: families compiled from source against zoo-api alone. */
final class Plugins {

  static final String SERVICE = "META-INF/services/" + ModelFamily.class.getName();

  /**
   * A family from a plugin jar with options of its own: {@code --shade N} for training (a
   * hyper-parameter), {@code --flavour NAME} and the flag {@code --loud} for {@code zoo generate}.
   * Its actions report what reached them.
   */
  static final String TOY_SOURCE =
      """
      package toy;

      import dev.zoo.api.common.Hyperparameters;
      import dev.zoo.api.FamilyOption;
      import dev.zoo.api.ModelFamily;
      import dev.zoo.api.ModelRequest;
      import dev.zoo.api.Report;
      import dev.zoo.api.RunContext;
      import dev.zoo.api.Task;
      import dev.zoo.api.TrainRequest;
      import dev.zoo.api.Variant;
      import dev.zoo.api.engine.Op;
      import java.util.EnumSet;
      import java.util.LinkedHashMap;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;

      public final class ToyFamily implements ModelFamily {
        public String name() { return "toy"; }
        public String summary() { return "a toy family from a plugin jar"; }
        public List<Variant> variants() {
          return List.of(new Variant("tiny-toy", Task.TEXT_GENERATION, "the tiniest toy",
              Hyperparameters.builder().put("epochs", 1).put("shade", 1).build()));
        }
        public List<FamilyOption> options() {
          return List.of(
              FamilyOption.of("--shade", "shade", "N", "How shady the toy is.", "train"),
              FamilyOption.of("--flavour", "flavour", "NAME", "The toy's flavour.", "generate"),
              new FamilyOption("--loud", "loud", null, "Shout the toy.", Set.of("generate")));
        }
        public Set<Op> needs(String variant) { return EnumSet.of(Op.LINEAR); }
        public Report train(TrainRequest request, RunContext context) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("toy", true);
          json.put("overrides", request.overrides());
          json.put("command", context.command());
          return new Report("toy trained into " + request.out() + " with "
              + request.overrides(), json);
        }
        public Report generate(ModelRequest request, RunContext context) {
          request.allowOnly("zoo generate toy", "flavour", "loud");
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("checkpoint", request.checkpoint().toString());
          json.put("options", new java.util.TreeMap<>(request.options()));
          json.put("command", context.command());
          return new Report("toy generated with " + new java.util.TreeMap<>(request.options()),
              json);
        }
      }
      """;

  /**
   * A family whose options the command line cannot take: one without a long name, one the command
   * has already, one declared twice; and one good option, {@code --depth}.
   */
  static final String CLASH_SOURCE =
      """
      package clash;

      import dev.zoo.api.common.Hyperparameters;
      import dev.zoo.api.FamilyOption;
      import dev.zoo.api.ModelFamily;
      import dev.zoo.api.Report;
      import dev.zoo.api.RunContext;
      import dev.zoo.api.Task;
      import dev.zoo.api.TrainRequest;
      import dev.zoo.api.Variant;
      import dev.zoo.api.engine.Op;
      import java.util.EnumSet;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;

      public final class ClashFamily implements ModelFamily {
        public String name() { return "clash"; }
        public String summary() { return "a family whose options clash"; }
        public List<Variant> variants() {
          return List.of(new Variant("clashing", Task.IMAGE_GENERATION, "clashes",
              Hyperparameters.builder().put("epochs", 1).put("depth", 2).build()));
        }
        public List<FamilyOption> options() {
          return List.of(
              FamilyOption.of("beta", "beta", "B", "Not a long option.", "train"),
              FamilyOption.of("--out", "out", "DIR", "Taken already.", "train"),
              FamilyOption.of("--depth", "depth", "N", "How deep.", "train"),
              FamilyOption.of("--depth", "depth", "N", "How deep, again.", "train"));
        }
        public Set<Op> needs(String variant) { return EnumSet.of(Op.LINEAR); }
        public Report train(TrainRequest request, RunContext context) {
          return new Report("clash trained with " + request.overrides(), Map.of());
        }
      }
      """;

  private Plugins() {}

  /** Writes {@code plugins/toy.jar} under {@code dir} and returns the plugins folder. */
  static Path toy(Path dir) throws IOException, URISyntaxException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path classes = compile(dir.resolve("toy-build"), "toy", "ToyFamily", TOY_SOURCE);
    jar(plugins.resolve("toy.jar"), classes, "toy.ToyFamily\n");
    return plugins;
  }

  /** Compiles one family class against zoo-api and returns the classes folder. */
  static Path compile(Path dir, String pkg, String name, String source)
      throws IOException, URISyntaxException {
    return compile(dir, pkg, name, source, null);
  }

  /**
   * Compiles one family class against {@code first} (classes that stand in for some of zoo-api's,
   * such as an older {@code ModelFamily}), then zoo-api, and returns the classes folder.
   */
  static Path compile(Path dir, String pkg, String name, String source, Path first)
      throws IOException, URISyntaxException {
    Path src = Files.createDirectories(dir.resolve("src").resolve(pkg));
    Path file = src.resolve(name + ".java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path api =
        Path.of(ModelFamily.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK");
    StringWriter messages = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                messages,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-classpath",
                    (first == null ? "" : first + java.io.File.pathSeparator) + api,
                    "-d",
                    classes.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(file.toFile()))
            .call();
    assertTrue(compiled, messages::toString);
    return classes;
  }

  /** Writes a jar of the classes folder with a ModelFamily services file. */
  static void jar(Path jar, Path classes, String services) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(p));
          out.closeEntry();
        }
      }
      out.putNextEntry(new JarEntry(SERVICE));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
