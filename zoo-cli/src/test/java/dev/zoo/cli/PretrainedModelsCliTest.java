package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.common.ZooCache;
import dev.zoo.api.pretrained.PretrainedModel;
import dev.zoo.api.pretrained.PretrainedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained models of zoo-models through the command: listed with their cards, usable by name
 * wherever a checkpoint is, and each card's quality reproduced by the command it names.
 */
class PretrainedModelsCliTest {

  /** Where Debian's python3-sklearn keeps the breast cancer table the tabular model learnt. */
  private static final Path SKLEARN_BREAST_CANCER =
      Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv");

  @TempDir static Path cache;

  @BeforeAll
  static void useAPrivateCache() {
    System.setProperty(ZooCache.PROPERTY, cache.toString());
  }

  @AfterAll
  static void restoreTheCache() {
    System.clearProperty(ZooCache.PROPERTY);
  }

  @Test
  void listsEveryShippedModelWithItsCard() {
    List<PretrainedModel> models = PretrainedModels.onClassPath().all();
    assertFalse(models.isEmpty(), "zoo-models ships no model");
    JsonObject json =
        JsonParser.parseString(Cli.run("models", "--json").ok().out()).getAsJsonObject();
    Set<String> listed = new java.util.TreeSet<>();
    for (JsonElement e : json.getAsJsonArray("models")) {
      JsonObject m = e.getAsJsonObject();
      listed.add(m.get("name").getAsString());
      assertFalse(m.getAsJsonObject("quality").keySet().isEmpty(), m.toString());
      assertTrue(m.get("bytes").getAsLong() > 0, m.toString());
      assertTrue(m.get("measuredBy").getAsString().startsWith("zoo eval "), m.toString());
    }
    assertEquals(models.stream().map(PretrainedModel::name).collect(Collectors.toSet()), listed);
    String text = Cli.run("models").ok().out();
    for (PretrainedModel m : models) {
      assertTrue(text.contains(m.name()) && text.contains(m.measuredBy()), text);
    }
    Set<String> families =
        Cli.run("list")
            .ok()
            .out()
            .lines()
            .filter(l -> !l.startsWith(" "))
            .map(l -> l.split(" ")[0])
            .collect(Collectors.toSet());
    for (PretrainedModel m : models) {
      assertTrue(families.contains(m.family()), m.name() + " names an unknown family");
    }
  }

  /** Runs each card's own command and finds the card's figures, to the fourth decimal. */
  @Test
  void everyCardsCommandReproducesItsQuality() throws IOException {
    for (PretrainedModel m : PretrainedModels.onClassPath().all()) {
      List<String> args = new ArrayList<>();
      for (String word : m.measuredBy().substring("zoo ".length()).split(" ")) {
        args.add(word.equals("breast_cancer.csv") ? breastCancerTable().toString() : word);
      }
      args.add("--json");
      Cli.Result r = Cli.run(args.toArray(String[]::new)).ok();
      JsonObject figures = JsonParser.parseString(r.out()).getAsJsonObject();
      for (Map.Entry<String, Double> q : m.quality().entrySet()) {
        assertEquals(
            q.getValue(),
            figures.get(q.getKey()).getAsDouble(),
            1e-4,
            m.name() + " " + q.getKey() + " by " + String.join(" ", args));
      }
    }
  }

  @Test
  void aModelOfAnotherFamilyOrAnUnknownNameIsOneSentence() {
    PretrainedModel any = PretrainedModels.onClassPath().all().get(0);
    String other = any.family().equals("cnn") ? "vae" : "cnn";
    Cli.run("eval", other, "--model", any.name())
        .userError(any.name() + " is a model of the " + any.family() + " family, not of " + other);
    Cli.run("eval", any.family(), "--model", "nowhere/nothing")
        .userError("There is no pretrained model called nowhere/nothing; there are", any.name());
    Cli.run("eval", any.family(), "--model", any.name(), "--checkpoint", "runs/x")
        .userError("Give either --checkpoint DIR or --model NAME");
  }

  @TempDir static Path tables;

  /**
   * scikit-learn's breast cancer table with the header {@code x1..x30,class} and class names, as
   * {@code bench/pretrain.sh} made it for training.
   */
  private static Path breastCancerTable() throws IOException {
    Path table = tables.resolve("breast_cancer.csv");
    if (Files.exists(table)) {
      return table;
    }
    List<String> lines = Files.readAllLines(SKLEARN_BREAST_CANCER);
    String[] first = lines.get(0).split(",");
    StringBuilder out = new StringBuilder();
    int columns = Integer.parseInt(first[1].trim());
    for (int i = 1; i <= columns; i++) {
      out.append('x').append(i).append(',');
    }
    out.append("class\n");
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      int label = Integer.parseInt(cells[cells.length - 1].trim());
      cells[cells.length - 1] = first[2 + label].trim();
      out.append(String.join(",", Arrays.asList(cells))).append('\n');
    }
    Files.writeString(table, out);
    return table;
  }
}
