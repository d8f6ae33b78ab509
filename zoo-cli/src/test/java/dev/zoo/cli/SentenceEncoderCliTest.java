package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.common.ZooCache;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo encode transformer --model minilm}: the pretrained sentence encoder on the command.
 */
class SentenceEncoderCliTest {

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
  void printsOneUnitVectorPerTextAndTheirSimilarities() {
    String food = "A man is eating food.";
    String bread = "A man is eating a piece of bread.";
    String baby = "The girl is carrying a baby.";
    JsonObject json =
        JsonParser.parseString(
                Cli.run("encode", "transformer", "--model", "minilm", food, bread, baby, "--json")
                    .ok()
                    .out())
            .getAsJsonObject();
    assertEquals(384, json.get("dimension").getAsInt());
    JsonArray rows = json.getAsJsonArray("vectors");
    assertEquals(3, rows.size());
    double[][] v = new double[3][];
    for (int i = 0; i < 3; i++) {
      JsonArray values = rows.get(i).getAsJsonObject().getAsJsonArray("vector");
      assertEquals(384, values.size());
      v[i] = new double[384];
      for (int k = 0; k < 384; k++) {
        v[i][k] = values.get(k).getAsDouble();
      }
      assertEquals(1.0, dot(v[i], v[i]), 1e-5);
    }
    assertEquals(food, rows.get(0).getAsJsonObject().get("input").getAsString());
    assertEquals(8, rows.get(0).getAsJsonObject().get("tokens").getAsInt());
    assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.5);
    Cli.Result r =
        Cli.run(
                "encode",
                "transformer",
                "--model",
                "minilm",
                "--engine",
                "onnxruntime",
                food,
                bread)
            .ok();
    assertTrue(r.err().contains("Engine: onnxruntime on cpu"), r.err());
    String text = r.out();
    assertTrue(text.contains("2 sentence vector(s) of 384 values"), text);
    assertTrue(text.contains("Cosine similarity:"), text);
  }

  /** ONNX Runtime runs ONNX files only: loading it first must not stop a zoo model after it. */
  @Test
  void aZooModelStillRunsAfterTheEncoder(@TempDir Path out) {
    Cli.run("encode", "transformer", "--model", "minilm", "A first text.").ok();
    Path grid = out.resolve("grid.png");
    Cli.run(
            "generate",
            "gan",
            "--model",
            "fashion-mnist/dcgan",
            "--count",
            "4",
            "--out",
            grid.toString(),
            "--engine",
            "pytorch")
        .ok();
    assertTrue(java.nio.file.Files.isRegularFile(grid));
  }

  /** --csv: the vectors of a labelled set as a table that the tabular family trains on. */
  @Test
  void writesTheVectorsOfALabelledSetForTheTabularFamily(@TempDir Path dir) throws Exception {
    Path texts = dir.resolve("texts.csv");
    StringBuilder csv = new StringBuilder("text,label\n");
    String[] food = {"I baked bread.", "Soup for dinner.", "The cake was sweet.", "Fresh apples."};
    String[] code = {"The build failed.", "A null pointer.", "Compile the kernel.", "Fix the bug."};
    for (int i = 0; i < food.length; i++) {
      csv.append('"').append(food[i]).append("\",food\n");
      csv.append('"').append(code[i]).append("\",\"code, software\"\n");
    }
    java.nio.file.Files.writeString(texts, csv);
    Path table = dir.resolve("features.csv");
    Cli.run(
            "encode",
            "transformer",
            "--model",
            "minilm",
            "--csv",
            table.toString(),
            texts.toString())
        .ok();
    java.util.List<String> lines = java.nio.file.Files.readAllLines(table);
    assertEquals(9, lines.size());
    assertTrue(lines.get(0).startsWith("x1,x2,") && lines.get(0).endsWith(",x384,label"));
    assertTrue(lines.get(1).endsWith(",food"), lines.get(1));
    assertTrue(lines.get(2).endsWith(",\"code, software\""), lines.get(2));
    assertEquals(385, lines.get(1).split(",").length);
    Path run = dir.resolve("head");
    Cli.run(
            "train",
            "tabular",
            "--data",
            table.toString(),
            "--epochs",
            "2",
            "--out",
            run.toString(),
            "--engine",
            "pytorch")
        .ok();
    Cli.run("encode", "transformer", "--model", "minilm", "--csv", table.toString(), "a", "b")
        .userError("--csv takes one labelled text set");
    Cli.run("encode", "transformer", "--model", "minilm", "--csv", dir.toString(), texts.toString())
        .userError("--csv names a folder, not a file");
  }

  @Test
  void saysWhenATextIsCut() {
    Cli.Result r =
        Cli.run("encode", "transformer", "--model", "minilm", "word ".repeat(300), "--json").ok();
    JsonObject row =
        JsonParser.parseString(r.out())
            .getAsJsonObject()
            .getAsJsonArray("vectors")
            .get(0)
            .getAsJsonObject();
    assertTrue(row.get("truncated").getAsBoolean());
    assertEquals(256, row.get("tokens").getAsInt());
    assertTrue(r.err().contains("has 300 word pieces; the encoder reads its first 256"), r.err());
  }

  @Test
  void mistakesAreOneSentence() {
    Cli.run("encode", "transformer", "--model", "nowhere", "a text")
        .userError("There is no pretrained model called nowhere");
    Cli.run("encode", "transformer", "--model", "minilm")
        .userError("Give at least one text (or a text file) to encode.");
    Cli.run("encode", "cnn", "--model", "minilm", "a text")
        .userError("minilm is a model of the transformer family, not of cnn");
    Cli.run("encode", "transformer", "--model", "minilm", "--engine", "pytorch", "a text")
        .userError("runs on ONNX Runtime only, not on pytorch");
    Cli.run("eval", "transformer", "--model", "minilm", "--engine", "mxnet")
        .userError("runs on ONNX Runtime only, not on mxnet");
    Cli.run("eval", "transformer", "--model", "minilm", "--data", "texts.csv")
        .userError("--data does not apply");
    String line = Cli.run("predict", "transformer", "--model", "minilm", "a text").userError();
    assertFalse(line.isBlank());
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
