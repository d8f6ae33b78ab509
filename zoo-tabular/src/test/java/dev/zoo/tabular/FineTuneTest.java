package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.model.ParameterTransfer;
import dev.zoo.api.train.FitOptions;
import dev.zoo.api.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fine-tuning: a classifier of two fruits starts from one trained on three, keeps its hidden layers
 * and gets a new head, on either engine.
 */
class FineTuneTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pytorch", "mxnet"})
  void startsFromTheHiddenLayersOfAModelWithOtherLabels(String engine) {
    List<CsvTable> split = TabularFamily.data(null, 7);
    Path source = dir.resolve("source");
    try (TabularClassifier three =
        TabularClassifier.builder().engine(engine).set("epochs", 3).data(split.get(0)).build()) {
      three.fit(
          split.get(0),
          split.get(1),
          source,
          FitOptions.defaults().withListener(TrainingListener.NONE));
    }
    CsvTable twoFruits = withoutLabel(split.get(0), "lemon");
    CsvTable twoFruitsTest = withoutLabel(split.get(1), "lemon");
    try (TabularClassifier three = TabularClassifier.load(source, engine);
        TabularClassifier two =
            TabularClassifier.builder().engine(engine).set("epochs", 5).data(twoFruits).build()) {
      assertEquals(List.of("apple", "orange"), two.labels());
      ParameterTransfer transfer = ParameterTransfer.copy(three, two);
      Map<String, float[]> before = values(three);
      Map<String, float[]> after = values(two);
      assertFalse(transfer.copied().isEmpty());
      for (String name : transfer.copied()) {
        assertArrayEquals(before.get(name), after.get(name), name);
      }
      assertEquals(2, transfer.fresh().size(), transfer.toString());
      for (String fresh : transfer.fresh()) {
        // the head: three classes there (softmax), two here (one sigmoid output)
        assertTrue(fresh.matches(".*\\(3(, 16)?\\) there, float32 \\(1(, 16)?\\) here.*"), fresh);
      }
      List<String> notices = new ArrayList<>();
      TrainingListener listener =
          new TrainingListener() {
            @Override
            public void notice(String sentence) {
              notices.add(sentence);
            }
          };
      two.fit(
          twoFruits,
          twoFruitsTest,
          dir.resolve("tuned-" + engine),
          FitOptions.defaults().withListener(listener).withStartFrom(source));
      assertTrue(
          notices.stream().anyMatch(n -> n.startsWith("Started from " + source + ": ")),
          notices.toString());
      assertTrue(two.evaluate(twoFruitsTest).accuracy() > 0.5);
    }
  }

  /** Every parameter of the model's network by the name {@link ParameterTransfer} gives it. */
  private static Map<String, float[]> values(TabularClassifier model) {
    Map<String, float[]> values = new HashMap<>();
    for (var network : model.networks()) {
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        values.put(network.name() + "/" + p.getKey(), p.getValue().getArray().toFloatArray());
      }
    }
    return values;
  }

  private static CsvTable withoutLabel(CsvTable table, String label) {
    int column = table.column("kind");
    StringBuilder csv = new StringBuilder(String.join(",", table.header())).append('\n');
    for (CsvTable.Row row : table.rows()) {
      if (!row.values().get(column).equals(label)) {
        csv.append(String.join(",", row.values())).append('\n');
      }
    }
    return CsvTable.parse(csv.toString(), table.file());
  }
}
