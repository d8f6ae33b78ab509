package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.CsvTable;
import dev.zoo.api.model.Classification;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Saved and loaded on either engine, a classifier gives the same probabilities. */
class CrossEngineTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "trained on {0}, loaded on {1}")
  @CsvSource({"pytorch, mxnet", "mxnet, pytorch"})
  void saveAndLoadGiveTheSamePredictions(String trainEngine, String otherEngine) {
    List<CsvTable> split = TabularFamily.data(null, 7);
    CsvTable test = split.get(1);
    float[][] trained;
    Path saved = dir.resolve("saved");
    try (TabularClassifier model =
        TabularClassifier.builder()
            .engine(trainEngine)
            .set("epochs", 5)
            .data(split.get(0))
            .build()) {
      model.fit(split.get(0), test, dir.resolve("run"));
      trained = probabilities(model, test);
      model.save(saved);
    }
    assertEquals(trainEngine, Checkpoint.open(saved, TabularFamily.NAME).info().engine());
    for (Path path : List.of(dir.resolve("run"), saved)) {
      for (String engine : List.of(trainEngine, otherEngine)) {
        try (TabularClassifier loaded = TabularClassifier.load(path, engine)) {
          assertEquals(engine, loaded.engine().backend().name());
          float[][] p = probabilities(loaded, test);
          for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
              assertEquals(trained[i][c], p[i][c], 1e-5, engine + ", " + path + ", row " + i);
            }
          }
        }
      }
    }
    boolean confident = false;
    for (float[] row : trained) {
      confident |= row[0] > 0.9 || row[1] > 0.9 || row[2] > 0.9;
    }
    assertTrue(confident, "the model is trained, not uniform");
  }

  private static float[][] probabilities(TabularClassifier model, CsvTable table) {
    float[] x = table.matrix(model.columns());
    int d = model.columns().size();
    float[][] result = new float[table.rows().size()][model.labels().size()];
    for (int i = 0; i < result.length; i++) {
      float[] row = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
      for (Classification c : model.predict(row, 99)) {
        result[i][c.index()] = (float) c.probability();
      }
    }
    return result;
  }
}
