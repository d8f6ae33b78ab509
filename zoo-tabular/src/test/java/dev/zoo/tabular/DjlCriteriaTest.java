package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.zoo.api.model.Classification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code breast-cancer/mlp} through DJL's own API only ({@code Criteria}, {@code
 * ZooModel}, {@code Predictor}), found through the zoo's registered {@code ZooProvider}, with the
 * same probabilities as {@link TabularClassifier#predict}.
 */
class DjlCriteriaTest {

  private static final String NAME = "breast-cancer/mlp";

  @TempDir Path dir;

  @Test
  void aPredictorGivesTheFamilysProbabilities() throws Exception {
    List<float[]> rows = rows(TestData.sklearn("breast_cancer.csv", dir), 40);
    Criteria<float[], Classifications> criteria =
        Criteria.builder()
            .setTypes(float[].class, Classifications.class)
            .optGroupId("dev.zoo")
            .optArtifactId(NAME)
            .build();
    try (ZooModel<float[], Classifications> model = criteria.loadModel();
        Predictor<float[], Classifications> predictor = model.newPredictor();
        TabularClassifier own = TabularClassifier.pretrained(NAME)) {
      List<Classifications> batch = predictor.batchPredict(rows);
      int agreeing = 0;
      for (int i = 0; i < rows.size(); i++) {
        List<Classification> expected = own.predict(rows.get(i), 2);
        Classifications single = predictor.predict(rows.get(i));
        for (Classification c : expected) {
          assertEquals(c.probability(), single.get(c.label()).getProbability(), 1e-5);
          assertEquals(c.probability(), batch.get(i).get(c.label()).getProbability(), 1e-5);
        }
        agreeing += expected.get(0).label().equals(single.best().getClassName()) ? 1 : 0;
      }
      assertEquals(rows.size(), agreeing);
      TranslateException e =
          assertThrows(TranslateException.class, () -> predictor.predict(new float[3]));
      assertTrue(e.getMessage().contains("A row of 3 values does not fit"), e.getMessage());
    }
  }

  @Test
  void anUnknownArtifactIsNotFound() {
    Criteria<float[], Classifications> criteria =
        Criteria.builder()
            .setTypes(float[].class, Classifications.class)
            .optArtifactId("dev.zoo:breast-cancer/forest")
            .build();
    ModelNotFoundException e = assertThrows(ModelNotFoundException.class, criteria::loadModel);
    assertTrue(e.getMessage().contains("No model matching the criteria"), e.getMessage());
  }

  /** The first {@code n} rows' feature values of a CSV whose last column is the class. */
  private static List<float[]> rows(Path csv, int n) throws Exception {
    List<float[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv).subList(1, n + 1)) {
      String[] cells = line.split(",");
      float[] row = new float[cells.length - 1];
      for (int c = 0; c < row.length; c++) {
        row[c] = Float.parseFloat(cells[c]);
      }
      rows.add(row);
    }
    assertEquals(30, rows.get(0).length, Arrays.toString(rows.get(0)));
    return rows;
  }
}
