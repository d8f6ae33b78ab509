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
    String text = Cli.run("encode", "transformer", "--model", "minilm", food, bread).ok().out();
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
