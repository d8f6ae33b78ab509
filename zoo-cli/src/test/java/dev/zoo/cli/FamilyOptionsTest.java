package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family's own options on its commands: listed in help, refused in one sentence by a family or
 * command that does not take them, and reaching the family (as hyper-parameters on {@code train},
 * as request options elsewhere). Shown with the toy family of a plugin jar ({@link Plugins}).
 */
class FamilyOptionsTest {

  @TempDir static Path dir;

  private static String plugins;

  @BeforeAll
  static void writePlugin() throws Exception {
    plugins = Plugins.toy(dir).toString();
  }

  private static Cli.Result zoo(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--plugins";
    all[1] = plugins;
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(all);
  }

  @Test
  void helpListsTheFamilysOptionsOfThatCommandOnly() {
    String train = zoo("train", "toy", "--help").ok().out();
    assertTrue(train.startsWith("Usage: zoo train toy"), train);
    assertTrue(train.contains("Options of family toy:"), train);
    assertTrue(train.contains("--shade=N"), train);
    assertTrue(train.contains("How shady the toy is."), train);
    assertFalse(train.contains("--flavour"), train);
    // zoo run takes the training options.
    assertTrue(zoo("run", "toy", "--help").ok().out().contains("--shade=N"));

    String generate = zoo("generate", "toy", "--help").ok().out();
    assertTrue(generate.contains("--flavour=NAME"), generate);
    assertTrue(generate.contains("--loud"), generate);
    assertFalse(generate.contains("--shade"), generate);

    // Other families do not get them.
    String cnn = zoo("train", "cnn", "--help").ok().out();
    assertFalse(cnn.contains("--shade"), cnn);
    assertFalse(cnn.contains("Options of family"), cnn);
  }

  @Test
  void infoListsTheFamilysOptions() {
    String text = zoo("info", "toy").ok().out();
    assertTrue(text.contains("--shade N"), text);
    assertTrue(text.contains("--flavour NAME"), text);
    assertTrue(text.contains("How shady the toy is. (train)"), text);
    JsonObject json =
        JsonParser.parseString(zoo("info", "toy", "--json").ok().out()).getAsJsonObject();
    assertEquals(3, json.getAsJsonArray("options").size(), json::toString);
    assertEquals(
        "shade", json.getAsJsonArray("options").get(0).getAsJsonObject().get("key").getAsString());
    assertEquals(
        0,
        JsonParser.parseString(Cli.run("info", "cnn", "--json").ok().out())
            .getAsJsonObject()
            .getAsJsonArray("options")
            .size());
  }

  @Test
  void aTrainingOptionReachesTheFamilyAsAHyperparameter() {
    Path out = dir.resolve("toy-run");
    Cli.Result r =
        zoo("train", "toy", "--shade", "3", "--set", "epochs=2", "--out", out.toString()).ok();
    assertTrue(r.out().contains("toy trained into " + out), r::toString);
    assertTrue(r.out().contains("shade=3") && r.out().contains("epochs=2"), r::toString);

    JsonObject json =
        JsonParser.parseString(
                zoo("--json", "run", "toy", "--shade=4", "--out", out.toString()).ok().out())
            .getAsJsonObject();
    assertEquals("4", json.getAsJsonObject("overrides").get("shade").getAsString());
    // The family option wins over --set of the same hyper-parameter.
    json =
        JsonParser.parseString(
                zoo("train", "toy", "--json", "--set", "shade=1", "--shade", "5", "--out", "x")
                    .ok()
                    .out())
            .getAsJsonObject();
    assertEquals("5", json.getAsJsonObject("overrides").get("shade").getAsString());
  }

  @Test
  void aModelOptionReachesTheFamilyInTheRequest() {
    JsonObject json =
        JsonParser.parseString(
                zoo(
                        "generate",
                        "toy",
                        "--checkpoint",
                        "cp",
                        "--flavour",
                        "mint",
                        "--loud",
                        "--json")
                    .ok()
                    .out())
            .getAsJsonObject();
    assertEquals("cp", json.get("checkpoint").getAsString());
    JsonObject options = json.getAsJsonObject("options");
    assertEquals("mint", options.get("flavour").getAsString());
    assertEquals("true", options.get("loud").getAsString());
    assertEquals(2, options.size());
    // Options not given do not reach the family.
    JsonObject none =
        JsonParser.parseString(zoo("generate", "toy", "--checkpoint", "cp", "--json").ok().out())
            .getAsJsonObject();
    assertEquals(0, none.getAsJsonObject("options").size());
  }

  @Test
  void theCommandLineIsTheRunsProvenance() {
    JsonObject json =
        JsonParser.parseString(
                zoo("train", "toy", "--shade", "3", "--out", "runs/a b", "--json").ok().out())
            .getAsJsonObject();
    assertEquals(
        "zoo --plugins " + plugins + " train toy --shade 3 --out 'runs/a b' --json",
        json.get("command").getAsString());
  }

  @Test
  void aFamilyThatDoesNotTakeAnOptionRefusesItInOneSentence() {
    Path out = dir.resolve("refused");
    zoo("train", "cnn", "--shade", "3", "--out", out.toString())
        .userError(
            "Option --shade does not apply to 'zoo train cnn' (only to: zoo run toy, zoo train"
                + " toy);",
            "see 'zoo train cnn --help'.");
    zoo("train", "cnn", "--shade=3", "--out", out.toString())
        .userError("Option --shade does not apply to 'zoo train cnn'");
    // The family's option on another of its commands names the commands that take it.
    zoo("generate", "toy", "--checkpoint", "cp", "--shade", "3")
        .userError(
            "Option --shade does not apply to 'zoo generate toy' (only to: zoo run toy, zoo"
                + " train toy);",
            "see 'zoo generate toy --help'.");
    zoo("train", "toy", "--out", out.toString(), "--loud")
        .userError("Option --loud does not apply to 'zoo train toy' (only to: zoo generate toy)");
    zoo("eval", "cnn", "--checkpoint", "cp", "--flavour", "mint")
        .userError("Option --flavour does not apply to 'zoo eval cnn' (only to: zoo generate toy)");
    // A family option takes one value, once.
    zoo("generate", "toy", "--checkpoint", "cp", "--flavour", "mint", "--flavour", "lime")
        .userError("Option --flavour should be given once, not 2 times.");
    assertFalse(Files.exists(out));
  }

  @Test
  void optionsTheCommandLineCannotTakeAreLeftOutWithAWarning() throws Exception {
    Path clashPlugins = Files.createDirectories(dir.resolve("clash-plugins"));
    Path classes =
        Plugins.compile(dir.resolve("clash-build"), "clash", "ClashFamily", Plugins.CLASH_SOURCE);
    Plugins.jar(clashPlugins.resolve("clash.jar"), classes, "clash.ClashFamily\n");
    Cli.Result r = Cli.run("--plugins", clashPlugins.toString(), "train", "clash", "--help").ok();
    List<String> warnings = r.errLines();
    assertEquals(3, warnings.size(), r::toString);
    assertTrue(
        warnings.stream().allMatch(l -> l.startsWith("zoo: warning: Family clash ")), r::toString);
    assertTrue(warnings.get(0).contains("'beta', which is not a long option name"), r::toString);
    assertTrue(warnings.get(1).contains("--out, which 'zoo train' already has"), r::toString);
    assertTrue(warnings.get(2).contains("option --depth twice; it is left out."), r::toString);
    assertTrue(r.out().contains("--depth=N"), r::toString);
    assertTrue(r.out().contains("How deep."), r::toString);
    assertFalse(r.out().contains("again"), r::toString);
    assertTrue(
        r.out().lines().anyMatch(l -> l.contains("--out=DIR") && l.contains("The run directory.")),
        r::toString);
    // The good option works.
    Cli.Result trained =
        Cli.run(
                "--plugins",
                clashPlugins.toString(),
                "train",
                "clash",
                "--depth",
                "7",
                "--out",
                dir.resolve("clash-run").toString())
            .ok();
    assertTrue(trained.out().contains("depth=7"), trained::toString);
  }
}
