package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo list}, as text, as JSON, and with plugin jars. */
class ListCommandTest {

  @TempDir Path dir;

  @Test
  void listsTheCnnFamilyAndItsVariants() {
    Cli.Result r = Cli.run("list").ok();
    assertTrue(r.out().contains("cnn"), r::toString);
    assertTrue(r.out().contains("image-classification"), r::toString);
    for (String variant : List.of("simple-cnn", "lenet", "resnet")) {
      assertTrue(r.out().contains("  " + variant + " "), r::toString);
      // Each variant names its task.
      assertTrue(
          r.out()
              .lines()
              .anyMatch(
                  l -> l.startsWith("  " + variant + " ") && l.contains("image-classification")),
          r::toString);
    }
    assertTrue(r.out().lines().anyMatch(l -> l.contains("simple-cnn") && l.endsWith("(default)")));
    assertFalse(r.err().contains("warning"), r::toString);
  }

  /** The family named {@code name} in a {@code list --json} array. */
  private static JsonObject family(JsonArray families, String name) {
    for (JsonElement f : families) {
      if (f.getAsJsonObject().get("name").getAsString().equals(name)) {
        return f.getAsJsonObject();
      }
    }
    throw new AssertionError("no family " + name + " in " + families);
  }

  /** How many families the command line has without plugins. */
  private static int builtIn() {
    return JsonParser.parseString(Cli.run("list", "--json").ok().out())
        .getAsJsonObject()
        .getAsJsonArray("families")
        .size();
  }

  @Test
  void listsAsJson() {
    Cli.Result r = Cli.run("list", "--json").ok();
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonArray families = json.getAsJsonArray("families");
    JsonObject cnn = family(families, "cnn");
    assertEquals("cnn", cnn.get("name").getAsString());
    assertEquals(
        List.of("image-classification"),
        cnn.getAsJsonArray("tasks").asList().stream().map(JsonElement::getAsString).toList());
    assertEquals("simple-cnn", cnn.get("default_variant").getAsString());
    assertEquals("dev.zoo.cnn.CnnFamily", cnn.get("source").getAsString());
    List<String> variants = new ArrayList<>();
    for (JsonElement v : cnn.getAsJsonArray("variants")) {
      variants.add(v.getAsJsonObject().get("name").getAsString());
      assertEquals("image-classification", v.getAsJsonObject().get("task").getAsString());
      assertNotNull(v.getAsJsonObject().getAsJsonObject("hyperparameters").get("epochs"));
    }
    assertEquals(List.of("simple-cnn", "lenet", "resnet"), variants);
    assertEquals(0, json.getAsJsonArray("problems").size());
    // The global option may also come first.
    assertEquals(r.out(), Cli.run("--json", "list").ok().out());
  }

  @Test
  void pluginJarAddsAFamily() throws Exception {
    Path plugins = Plugins.toy(dir);
    Files.writeString(plugins.resolve("README.txt"), "not a jar; ignored");

    Cli.Result r = Cli.run("list", "--plugins", plugins.toString()).ok();
    assertTrue(r.out().contains("cnn"), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("toy ")), r::toString);
    assertTrue(r.out().contains("a toy family from a plugin jar"), r::toString);
    assertTrue(r.out().contains("tiny-toy"), r::toString);
    assertEquals("", r.err(), r::toString);

    JsonArray families =
        JsonParser.parseString(
                Cli.run("--plugins", plugins.toString(), "list", "--json").ok().out())
            .getAsJsonObject()
            .getAsJsonArray("families");
    assertEquals(builtIn() + 1, families.size());
    assertEquals("cnn", families.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("toy.ToyFamily", family(families, "toy").get("source").getAsString());

    // The plugin's actions run through the command line too.
    Cli.Result trained =
        Cli.run(
                "--plugins",
                plugins.toString(),
                "train",
                "toy",
                "--out",
                dir.resolve("x").toString())
            .ok();
    assertTrue(trained.out().contains("toy trained into " + dir.resolve("x")), trained::toString);
    Cli.run("--plugins", plugins.toString(), "eval", "toy", "--checkpoint", dir.toString())
        .userError("Family toy has no evaluate action.");

    // Without --plugins the family is gone.
    assertFalse(Cli.run("list").ok().out().contains("toy"));
  }

  @Test
  void brokenPluginJarWarnsAndListsTheRest() throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path empty = Files.createDirectories(dir.resolve("empty-classes"));
    Plugins.jar(plugins.resolve("broken.jar"), empty, "broken.MissingFamily\n");

    Cli.Result r = Cli.run("list", "--plugins", plugins.toString()).ok();
    assertTrue(r.out().contains("cnn"), r::toString);
    assertTrue(r.out().contains("simple-cnn"), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("zoo: warning: "), r::toString);
    assertTrue(lines.get(0).contains("broken.MissingFamily"), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);

    JsonObject json =
        JsonParser.parseString(
                Cli.run("list", "--json", "--plugins", plugins.toString()).ok().out())
            .getAsJsonObject();
    assertEquals(builtIn(), json.getAsJsonArray("families").size());
    assertEquals(1, json.getAsJsonArray("problems").size());
    assertTrue(
        json.getAsJsonArray("problems").get(0).getAsString().contains("broken.MissingFamily"));
  }

  /** A family compiled against a ModelFamily of three methods: it lacks needs and train. */
  private static final String OLD_API =
      """
      package dev.zoo.api;

      public interface ModelFamily {
        String name();
        String summary();
        java.util.List<Variant> variants();
      }
      """;

  private static final String OLD_FAMILY =
      """
      package old;

      import dev.zoo.api.common.Hyperparameters;
      import dev.zoo.api.ModelFamily;
      import dev.zoo.api.Task;
      import dev.zoo.api.Variant;
      import java.util.List;

      public final class OldFamily implements ModelFamily {
        public String name() { return "old"; }
        public String summary() { return "a family built against an older zoo-api"; }
        public List<Variant> variants() {
          return List.of(new Variant("v1", Task.TEXT_GENERATION, "one",
              Hyperparameters.builder().put("epochs", 1).build()));
        }
      }
      """;

  private static final String EMPTY_FAMILY =
      """
      package empty;

      import dev.zoo.api.ModelFamily;
      import dev.zoo.api.Report;
      import dev.zoo.api.RunContext;
      import dev.zoo.api.TrainRequest;
      import dev.zoo.api.Variant;
      import dev.zoo.api.engine.Op;
      import java.util.List;
      import java.util.Set;

      public final class EmptyFamily implements ModelFamily {
        public String name() { return "empty"; }
        public String summary() { return "a family without variants"; }
        public List<Variant> variants() { return List.of(); }
        public Set<Op> needs(String variant) { return Set.of(); }
        public Report train(TrainRequest request, RunContext context) { return null; }
      }
      """;

  @Test
  void pluginsBuiltAgainstAnOlderApiOrWithoutVariantsAreLeftOutWithAWarning() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path stub = Plugins.compile(dir.resolve("old-api"), "dev/zoo/api", "ModelFamily", OLD_API);
    Path old = Plugins.compile(dir.resolve("old-build"), "old", "OldFamily", OLD_FAMILY, stub);
    assertFalse(Files.exists(old.resolve("dev/zoo/api/ModelFamily.class")));
    Plugins.jar(plugins.resolve("old.jar"), old, "old.OldFamily\n");
    Path empty = Plugins.compile(dir.resolve("empty-build"), "empty", "EmptyFamily", EMPTY_FAMILY);
    Plugins.jar(plugins.resolve("empty.jar"), empty, "empty.EmptyFamily\n");

    Cli.Result r = Cli.run("list", "--plugins", plugins.toString()).ok();
    assertTrue(r.out().contains("simple-cnn"), r::toString);
    assertFalse(r.out().lines().anyMatch(l -> l.startsWith("old ")), r::toString);
    List<String> lines = r.errLines();
    assertEquals(2, lines.size(), r::toString);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("zoo: warning: ")
                        && l.contains("old.OldFamily")
                        && l.contains("lacks the method ")
                        && l.contains(" of ModelFamily (it was built against an older")),
        r::toString);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("empty.EmptyFamily is broken: it has no variants")),
        r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);

    JsonObject json =
        JsonParser.parseString(
                Cli.run("list", "--json", "--plugins", plugins.toString()).ok().out())
            .getAsJsonObject();
    assertEquals(builtIn(), json.getAsJsonArray("families").size());
    assertEquals(2, json.getAsJsonArray("problems").size());
  }

  @Test
  void missingPluginsFolderIsAUserError() {
    Path missing = dir.resolve("no-such-plugins");
    Cli.run("list", "--plugins", missing.toString())
        .userError("Plugins folder " + missing + " does not exist.");
  }
}
