package dev.zoo.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.RunContext;
import dev.zoo.api.TrainRequest;
import dev.zoo.api.data.CsvTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the family and the model: each case is one sentence, and neither a new run
 * directory nor a change to an existing one is left behind.
 */
class BadInputTest {

  private static final String GOOD = "a,b,kind\n1,2,x\n2,1,y\n3,3,x\n1,1,y\n2,2,x\n";

  @TempDir static Path shared;
  private static Path run;
  private static Map<String, String> runFiles;

  private final TabularFamily family = new TabularFamily();
  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() throws IOException {
    run = shared.resolve("run");
    TestData.train(TestData.request(run, 1, Map.of()), null);
    runFiles = TestData.snapshot(run);
  }

  private static RunContext context(Path data) {
    return TestData.context("pytorch", data, new ByteArrayOutputStream());
  }

  private Path csv(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "table", ".csv"), text);
  }

  /** Training on {@code text} fails with {@code fragments}, and creates no run directory. */
  private void refused(String text, Map<String, String> settings, String... fragments)
      throws IOException {
    Path data = csv(text);
    Path out = dir.resolve("out");
    TestData.assertZooError(
        () -> family.train(TestData.request(out, 1, settings), context(data)), fragments);
    assertFalse(Files.exists(out), "nothing is created for a refused request");
    TestData.assertZooError(() -> family.evaluate(ModelRequest.of(run), context(data)));
  }

  @Test
  void unknownLabelColumn() throws IOException {
    refused(GOOD, Map.of("label", "class"), "has no column 'class'; its columns are: a, b, kind.");
  }

  @Test
  void featureThatIsNotANumber() throws IOException {
    refused(GOOD.replace("3,3,x", "3,three,x"), Map.of(), "Line 4 of ", "'three' in column b");
  }

  @Test
  void emptyFileAndHeaderWithoutRows() throws IOException {
    refused("", Map.of(), "is empty.");
    refused("a,b,kind\n", Map.of(), "Column kind of", "holds 0 classes");
    refused("a,kind\n1,x\n2,x\n3,x\n4,x\n5,x\n", Map.of(), "holds 1 classes");
  }

  @Test
  void rowOfTheWrongWidth() throws IOException {
    refused(
        GOOD.replace("2,1,y", "2,1"), Map.of(), "Line 3 of ", "has 2 fields, but the header has 3");
  }

  @Test
  void missingDataFile() {
    Path missing = dir.resolve("nope.csv");
    TestData.assertZooError(
        () -> family.train(TestData.request(dir.resolve("out"), 1, Map.of()), context(missing)),
        "CSV file " + missing + " does not exist.");
  }

  @Test
  void checkpointOfAnotherFamily() throws IOException {
    Path copy = Files.createDirectories(dir.resolve("foreign/checkpoint"));
    for (String name : runFiles.keySet()) {
      if (name.startsWith("checkpoint/")) {
        Files.copy(run.resolve(name), dir.resolve("foreign").resolve(name));
      }
    }
    Path json = copy.resolve("model.json");
    JsonObject info = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    info.addProperty("family", "cnn");
    Files.writeString(json, info.toString());
    TestData.assertZooError(
        () -> family.evaluate(ModelRequest.of(copy), context(null)), "cnn", "tabular");
    TestData.assertZooError(() -> TabularClassifier.load(copy), "cnn", "tabular");
    TestData.assertZooError(
        () -> family.predict(ModelRequest.of(copy).withInputs(List.of("x.csv")), context(null)),
        "cnn");
    TestData.assertZooError(
        () ->
            family.train(
                new TrainRequest(null, copy, 2, null, null, null, true, Map.of()), context(null)),
        "cnn");
  }

  @Test
  void predictionInputsThatDoNotFit() throws IOException {
    Path rows = csv("weight_g,diameter_mm\n1,2\n");
    TestData.assertZooError(
        () ->
            family.predict(
                ModelRequest.of(run).withInputs(List.of(rows.toString())), context(null)),
        "has no column 'sugar_brix'");
    TestData.assertZooError(
        () -> family.predict(ModelRequest.of(run), context(null)),
        "Name at least one CSV file of rows to classify.");
    TestData.assertZooError(
        () ->
            family.predict(
                ModelRequest.of(run).with("beta", 1).withInputs(List.of("x")), context(null)),
        "--beta does not apply to zoo predict tabular.");
    try (TabularClassifier model = TabularClassifier.load(run, "pytorch")) {
      TestData.assertZooError(
          () -> model.predict(new float[2], 1),
          "A row of 2 values does not fit the model's [weight_g, diameter_mm, sugar_brix");
      Path other =
          csv("weight_g,diameter_mm,sugar_brix,acidity_ph,skin_hue_deg,kind\n1,2,3,4,5,pear\n");
      TestData.assertZooError(
          () -> model.evaluate(CsvTable.read(other)),
          "Line 2 of " + other + ": 'pear' in column kind is not one of apple, lemon, orange.");
    }
    assertEquals(runFiles, TestData.snapshot(run));
  }

  @Test
  void builderWithoutATable() {
    TestData.assertZooError(
        () -> TabularClassifier.builder().build(), "Give the builder its training table");
    CsvTable table = TabularFamily.data(null, 1).get(0);
    TestData.assertZooError(
        () -> TabularClassifier.builder().set("depth", 3).data(table).build(),
        "Unknown hyper-parameter 'depth'");
  }
}
