package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options the built-in families declare, as the command line shows and refuses them. Each test
 * runs when the families it needs are on the class path (the command line's build has them all).
 */
class BuiltInFamilyOptionsTest {

  private static final Set<String> FAMILIES =
      new TreeSet<>(Zoo.discover().families().stream().map(f -> f.name()).toList());

  @TempDir Path dir;

  static boolean imageFamilies() {
    return FAMILIES.containsAll(List.of("cnn", "gan", "vae"));
  }

  static boolean textFamilies() {
    return FAMILIES.containsAll(List.of("cnn", "rnn", "transformer"));
  }

  /** The options listed under "Options of family F:" in {@code zoo COMMAND F --help}. */
  private static Set<String> familyOptions(String command, String family) {
    String help = Cli.run(command, family, "--help").ok().out();
    Set<String> flags = new TreeSet<>();
    boolean inSection = false;
    for (String line : help.lines().toList()) {
      if (line.equals("Options of family " + family + ":")) {
        inSection = true;
      } else if (inSection && line.startsWith("      --")) {
        flags.add(line.trim().split("[= ]")[0]);
      } else if (inSection && !line.startsWith("   ")) {
        inSection = false;
      }
    }
    return flags;
  }

  private static Set<String> set(String... flags) {
    return new TreeSet<>(List.of(flags));
  }

  @Test
  @EnabledIf("imageFamilies")
  void imageFamiliesDeclareTheirOptions() {
    assertEquals(set("--class", "--count", "--format"), familyOptions("generate", "gan"));
    assertEquals(set(), familyOptions("train", "gan"));
    assertEquals(set("--beta", "--holdout-class"), familyOptions("train", "vae"));
    assertEquals(set("--beta", "--holdout-class"), familyOptions("run", "vae"));
    assertEquals(set("--count", "--format"), familyOptions("generate", "vae"));
    assertEquals(set(), familyOptions("encode", "vae"));
    assertEquals(set(), familyOptions("train", "cnn"));
  }

  @Test
  @EnabledIf("textFamilies")
  void textFamiliesDeclareTheirOptions() {
    Set<String> sampling = set("--prompt", "--length", "--temperature", "--top-k", "--top-p");
    assertEquals(set("--column", "--horizon"), familyOptions("train", "rnn"));
    assertEquals(sampling, familyOptions("generate", "rnn"));
    assertEquals(sampling, familyOptions("generate", "transformer"));
    assertEquals(set("--prompt", "--layer"), familyOptions("attention", "transformer"));
    assertEquals(set(), familyOptions("train", "transformer"));
  }

  @Test
  @EnabledIf("imageFamilies")
  void imageOptionsAreRefusedByFamiliesThatDoNotTakeThem() {
    String out = dir.resolve("run").toString();
    Cli.run("train", "cnn", "--beta", "4", "--out", out)
        .userError(
            "Option --beta does not apply to 'zoo train cnn' (only to: zoo run vae, zoo train"
                + " vae); see 'zoo train cnn --help'.");
    Cli.run("generate", "vae", "--checkpoint", out, "--class", "Bag")
        .userError(
            "Option --class does not apply to 'zoo generate vae' (only to: zoo generate gan)");
    Cli.run("generate", "gan", "--checkpoint", out, "--beta", "4")
        .userError("Option --beta does not apply to 'zoo generate gan'");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  @EnabledIf("textFamilies")
  void textOptionsAreRefusedByFamiliesThatDoNotTakeThem() {
    String out = dir.resolve("run").toString();
    Cli.run("generate", "cnn", "--checkpoint", out, "--temperature", "0.8")
        .userError(
            "Option --temperature does not apply to 'zoo generate cnn' (only to: zoo generate rnn,"
                + " zoo generate transformer)");
    Cli.run("attention", "transformer", "--checkpoint", out, "--temperature", "0.8")
        .userError("Option --temperature does not apply to 'zoo attention transformer'");
    Cli.run("train", "transformer", "--out", out, "--horizon", "3")
        .userError(
            "Option --horizon does not apply to 'zoo train transformer' (only to: zoo run rnn, zoo"
                + " train rnn)");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  @EnabledIf("imageFamilies")
  void aTrainingOptionIsAHyperparameter() {
    Cli.run("train", "vae", "--beta", "strong", "--out", dir.resolve("run").toString())
        .userError("Hyper-parameter 'beta' must be a number, not 'strong'.");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  /** A bad sampling option is refused before any engine is loaded. */
  @Test
  @EnabledIf("imageFamilies")
  void badImageSamplingIsRefusedBeforeAnEngineLoads() throws Exception {
    List<String[]> refused = new ArrayList<>();
    String none = dir.resolve("none").toString();
    refused.add(new String[] {"generate", "gan", "--checkpoint", none, "--count", "0"});
    refused.add(new String[] {"generate", "vae", "--checkpoint", none, "--format", "jpeg"});
    List<String> messages =
        List.of("Count must be a positive number, not 0.", "Format must be 'grid' or 'png'");
    for (int i = 0; i < refused.size(); i++) {
      ChildJvm.Result r = ChildJvm.run(dir.resolve("jvm" + i), refused.get(i));
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.err().lines().count(), r::toString);
      assertTrue(r.err().startsWith("zoo: " + messages.get(i)), r::toString);
      assertEquals(Set.of(), r.engines(), r::toString);
    }
  }

  /** A bad text sampling option is refused before any engine is loaded. */
  @Test
  @EnabledIf("textFamilies")
  void badTextSamplingIsRefusedBeforeAnEngineLoads() throws Exception {
    String none = dir.resolve("none").toString();
    ChildJvm.Result r =
        ChildJvm.run(
            dir.resolve("jvm"), "generate", "rnn", "--checkpoint", none, "--temperature", "0");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        "zoo: Temperature must be a positive number, not 0.", r.err().strip(), r::toString);
    assertEquals(Set.of(), r.engines(), r::toString);
    r =
        ChildJvm.run(
            dir.resolve("jvm2"), "generate", "transformer", "--checkpoint", none, "--top-p", "2");
    assertEquals(2, r.code(), r::toString);
    assertEquals("zoo: Top-p must be in (0, 1], not 2.", r.err().strip(), r::toString);
    assertEquals(Set.of(), r.engines(), r::toString);
  }
}
