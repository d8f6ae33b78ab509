package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.data.FashionMnist;
import dev.zoo.api.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo train}, then {@code zoo eval} and {@code zoo predict} on what it wrote. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

  @TempDir static Path dir;

  private static Path run() {
    return dir.resolve("run");
  }

  private static double trainedAccuracy = Double.NaN;

  @Test
  @Order(1)
  void train() {
    Cli.Result r =
        Cli.run(
                "train",
                "cnn",
                "--variant",
                "lenet",
                "--epochs",
                "1",
                "--limit",
                "2000",
                "--out",
                run().toString())
            .ok();
    for (String file :
        List.of(
            "checkpoint/model.json",
            "checkpoint/model.params",
            "metrics.jsonl",
            "confusion-matrix.png",
            "predictions.png")) {
      assertTrue(Files.isRegularFile(run().resolve(file)), file + "\n" + r);
    }
    assertTrue(r.out().startsWith("Trained cnn/lenet to epoch 1 "), r::toString);
    assertTrue(r.err().contains("Training on the first 2000 images (--limit)."), r::toString);
    assertTrue(r.err().contains("Engine: "), r::toString);
    Matcher m = Pattern.compile("Test accuracy (\\d\\.\\d{4})").matcher(r.out());
    assertTrue(m.find(), r::toString);
    trainedAccuracy = Double.parseDouble(m.group(1));
    // Measured 0.58 (one epoch of 2000 images); chance is 0.10.
    assertTrue(trainedAccuracy > 0.4, r::toString);
  }

  @Test
  @Order(2)
  void eval() {
    Cli.Result r = Cli.run("eval", "cnn", "--checkpoint", run().toString(), "--json").ok();
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    assertTrue(json.has("accuracy"), r::toString);
    double accuracy = json.get("accuracy").getAsDouble();
    assertTrue(accuracy >= 0 && accuracy <= 1, r::toString);
    // The same model on the same test data as the training run's final evaluation.
    assertEquals(trainedAccuracy, accuracy, 5e-5 + 1e-9, r::toString);
    assertEquals(10, json.getAsJsonArray("per_class").size());
    assertEquals("lenet", json.get("variant").getAsString());
    assertFalse(r.out().contains("Engine:"), "progress stays on stderr");
  }

  @Test
  @Order(3)
  void predict() throws IOException {
    ImageSet test = FashionMnist.embeddedSample().test();
    Path png = writePng(dir.resolve("img.png"), test.image(0));
    Cli.Result r = Cli.run("predict", "cnn", "--checkpoint", run().toString(), png.toString()).ok();
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r::toString);
    String line = lines.get(0);
    assertTrue(line.startsWith(png + ":"), r::toString);
    Matcher m =
        Pattern.compile("  (.+?) ([01]\\.\\d{3})")
            .matcher(line.substring(png.toString().length() + 1));
    int labels = 0;
    double previous = 2;
    while (m.find()) {
      assertTrue(FashionMnist.CLASS_NAMES.contains(m.group(1)), m.group(1));
      double p = Double.parseDouble(m.group(2));
      assertTrue(p <= previous, line);
      previous = p;
      labels++;
    }
    assertEquals(3, labels, line);

    Cli.Result json =
        Cli.run("predict", "cnn", "--json", "--checkpoint", run().toString(), png.toString()).ok();
    JsonArray top =
        JsonParser.parseString(json.out())
            .getAsJsonObject()
            .getAsJsonArray("predictions")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("top");
    assertEquals(3, top.size());
    assertTrue(line.contains(top.get(0).getAsJsonObject().get("label").getAsString()));

    // ONNX Runtime runs ONNX files, not the zoo's DJL blocks: asked for, it is refused.
    Cli.run(
            "predict",
            "cnn",
            "--engine",
            "onnxruntime",
            "--checkpoint",
            run().toString(),
            png.toString())
        .userError("Engine onnxruntime cannot run running cnn/lenet: it lacks linear layers");
  }

  @Test
  @Order(4)
  void predictOnAnImageThatIsNotOne() throws IOException {
    byte[] noise = new byte[1000];
    new Random(3).nextBytes(noise);
    Path bad = Files.write(dir.resolve("noise.png"), noise);
    // The engine is chosen (and named on stderr) before the image is read.
    Cli.run("predict", "cnn", "--checkpoint", run().toString(), bad.toString())
        .userErrorAfterProgress("Cannot decode image " + bad + ": not a PNG or JPEG file.");
  }

  @Test
  @Order(5)
  void corruptedCheckpointIsRefused() throws IOException {
    Path copy = copyCheckpoint("corrupt");
    Path params = copy.resolve("checkpoint/model.params");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length - 1] ^= 0x40;
    Files.write(params, bytes);
    Cli.run("eval", "cnn", "--checkpoint", copy.toString())
        .userError("is corrupted: the checksum of model.params does not match.");
    assertTrue(Arrays.equals(bytes, Files.readAllBytes(params)));
  }

  @Test
  @Order(6)
  void resumeAndRefuseOverwrite() throws IOException {
    String out = run().toString();
    Cli.run("train", "cnn", "--epochs", "2", "--limit", "2000", "--out", out)
        .userError(
            "already holds a checkpoint; continue it with --resume or choose another --out.");
    Cli.Result r =
        Cli.run("train", "cnn", "--resume", "--epochs", "2", "--limit", "2000", "--out", out).ok();
    assertTrue(r.out().startsWith("Trained cnn/lenet to epoch 2 "), r::toString);
    assertTrue(
        r.err().contains("Resuming " + out + " from epoch 1 of 2 (step 32 of 64)."), r::toString);
    assertEquals(2, Files.readAllLines(run().resolve("metrics.jsonl")).size());
    assertEquals(
        2,
        JsonParser.parseString(Files.readString(run().resolve("checkpoint/model.json")))
            .getAsJsonObject()
            .get("epoch")
            .getAsInt());
  }

  @Test
  @Order(7)
  void resumeOfACompleteRunChangesNothing() throws IOException {
    Map<String, String> before = snapshot(run());
    Cli.Result r =
        Cli.run(
                "train",
                "cnn",
                "--resume",
                "--epochs",
                "2",
                "--limit",
                "2000",
                "--out",
                run().toString())
            .ok();
    assertTrue(r.err().contains("Run " + run() + " is complete"), r::toString);
    assertFalse(r.err().contains("zoo: "), r::toString);
    assertEquals(before, snapshot(run()));
  }

  @Test
  @Order(8)
  void infoOfACheckpointIsItsModelCard() throws IOException {
    Path cp = run().resolve("checkpoint");
    String text = Cli.run("info", "--checkpoint", run().toString()).ok().out();
    assertTrue(text.startsWith("cnn/lenet in " + cp + "\n"), text);
    for (String row :
        List.of(
            "hyper-parameters",
            "input shape        [1, 28, 28]",
            "labels             [T-shirt/top, Trouser",
            "trained epochs     2",
            "test_accuracy",
            "engine             ",
            "seed               42",
            "data               ",
            "data SHA-256       ",
            "command            zoo train cnn --resume --epochs 2 --limit 2000 --out " + run(),
            "zoo                ",
            "Java               ",
            "OS                 ")) {
      assertTrue(text.contains("\n  " + row), "no '" + row + "' in\n" + text);
    }
    assertTrue(text.contains(", DJL 0.35.1\n"), text);
    // The same with the family named, and as JSON.
    assertEquals(text, Cli.run("info", "cnn", "--checkpoint", run().toString()).ok().out());
    JsonObject json =
        JsonParser.parseString(Cli.run("info", "--json", "--checkpoint", cp.toString()).ok().out())
            .getAsJsonObject();
    assertEquals("cnn", json.get("family").getAsString());
    assertEquals("lenet", json.get("variant").getAsString());
    assertEquals(2, json.get("epochs").getAsInt());
    assertEquals(10, json.getAsJsonArray("labels").size());
    assertEquals("[1,28,28]", json.getAsJsonArray("input_shape").toString());
    assertTrue(json.getAsJsonObject("metrics").has("test_accuracy"), json::toString);
    JsonObject provenance = json.getAsJsonObject("provenance");
    assertTrue(provenance.get("data").getAsString().contains("Fashion-MNIST"), json::toString);
    assertEquals(64, provenance.get("data_sha256").getAsString().length(), json::toString);
    assertTrue(provenance.get("command").getAsString().startsWith("zoo train cnn "));
    assertNotNull(provenance.get("java_version").getAsString());
    assertNotNull(json.get("engine").getAsString());
  }

  @Test
  @Order(9)
  void infoOfAnOldOrForeignCheckpoint() throws IOException {
    Path old = copyCheckpoint("old");
    Path info = old.resolve("checkpoint/model.json");
    JsonObject model = JsonParser.parseString(Files.readString(info)).getAsJsonObject();
    model.remove("provenance");
    Files.writeString(info, model.toString());
    String text = Cli.run("info", "--checkpoint", old.toString()).ok().out();
    assertTrue(
        text.contains(
            "provenance         not recorded (the checkpoint was written before the zoo recorded"
                + " provenance)"),
        text);
    assertTrue(text.contains("trained epochs     2"), text);
    JsonObject json =
        JsonParser.parseString(Cli.run("info", "--checkpoint", old.toString(), "--json").ok().out())
            .getAsJsonObject();
    assertTrue(json.get("provenance").isJsonNull(), json::toString);

    model.addProperty("family", "vae");
    Files.writeString(info, model.toString());
    Cli.run("info", "cnn", "--checkpoint", old.toString())
        .userError("holds a vae model (lenet), not a cnn model.");
    Cli.run("info", "--checkpoint", dir.resolve("nothing").toString())
        .userError("Checkpoint " + dir.resolve("nothing") + " does not exist.");
  }

  @Test
  @Order(10)
  void argumentsAreCheckedBeforeAnEngineLoads() throws Exception {
    Path png = writePng(dir.resolve("img.png"), FashionMnist.embeddedSample().test().image(0));
    // The probe: a command that runs a model loads an engine.
    ChildJvm.Result predict =
        ChildJvm.run(
            dir.resolve("jvm-predict"),
            "predict",
            "cnn",
            "--checkpoint",
            run().toString(),
            png.toString());
    assertEquals(0, predict.code(), predict::toString);
    assertFalse(predict.engines().isEmpty(), predict::toString);

    ChildJvm.Result info =
        ChildJvm.run(dir.resolve("jvm-info"), "info", "--checkpoint", run().toString());
    assertEquals(0, info.code(), info::toString);
    assertTrue(info.out().contains("cnn/lenet"), info::toString);
    assertEquals(Set.of(), info.engines(), info::toString);

    ChildJvm.Result list = ChildJvm.run(dir.resolve("jvm-list"), "list");
    assertEquals(0, list.code(), list::toString);
    assertEquals(Set.of(), list.engines(), list::toString);

    for (String[] refused :
        List.of(
            new String[] {"train", "cnn", "--epochs", "0", "--out", dir.resolve("r0").toString()},
            new String[] {"train", "cnn", "--steps", "-3", "--out", dir.resolve("r1").toString()},
            new String[] {"train", "cnn", "--out", dir.resolve("r2").toString(), "--beta", "4"},
            new String[] {"eval", "cnn", "--checkpoint", dir.resolve("none").toString()})) {
      ChildJvm.Result r = ChildJvm.run(dir.resolve("jvm-refused"), refused);
      assertEquals(2, r.code(), r::toString);
      assertEquals(1, r.err().lines().count(), r::toString);
      assertEquals(Set.of(), r.engines(), r::toString);
    }
  }

  /** Each file under {@code root} with its size, time of change and SHA-256. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(
              root.relativize(p).toString(),
              Files.size(p) + " " + Files.getLastModifiedTime(p) + " " + sha256(p));
        }
      }
    }
    return files;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path copyCheckpoint(String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.createDirectories(copy.resolve("checkpoint"));
    try (var files = Files.list(run().resolve("checkpoint"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, copy.resolve("checkpoint").resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /** Writes a 28x28 grey PNG of {@code grey}'s values in [0, 1]. */
  static Path writePng(Path file, float[] grey) throws IOException {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        image.getRaster().setSample(x, y, 0, Math.round(grey[y * 28 + x] * 255f));
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
