package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.zoo.api.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo export FAMILY --format onnx}, then {@code zoo predict} on the file: ONNX Runtime gives
 * the classes and probabilities PyTorch gives; bad requests are one-line errors.
 */
class ExportCommandTest {

  @TempDir Path dir;

  @Test
  void exportedPretrainedModelPredictsOnOnnxRuntimeAsOnPytorch() throws IOException {
    Path file = dir.resolve("simple-cnn.onnx");
    Cli.Result exported =
        Cli.run(
                "export",
                "cnn",
                "--model",
                "fashion-mnist/simple-cnn",
                "--format",
                "onnx",
                "--out",
                file.toString())
            .ok();
    assertTrue(exported.out().startsWith("Exported cnn/simple-cnn from "), exported.toString());
    assertTrue(Files.size(file) > 300_000, "the parameters are in the file");

    Path png =
        EndToEndTest.writePng(
            dir.resolve("img.png"), FashionMnist.embeddedSample().test().image(0));
    Cli.Result onOnnx = Cli.run("predict", "cnn", "--checkpoint", file.toString(), png.toString());
    onOnnx.ok();
    assertTrue(onOnnx.err().contains("Engine: onnxruntime on cpu"), onOnnx.toString());
    Cli.Result onPytorch =
        Cli.run(
                "predict",
                "cnn",
                "--model",
                "fashion-mnist/simple-cnn",
                "--engine",
                "pytorch",
                png.toString())
            .ok();
    assertEquals(onPytorch.out(), onOnnx.out());

    JsonObject json =
        JsonParser.parseString(
                Cli.run(
                        "export",
                        "tabular",
                        "--model",
                        "breast-cancer/mlp",
                        "--out",
                        dir.resolve("mlp.onnx").toString(),
                        "--json")
                    .ok()
                    .out())
            .getAsJsonObject();
    assertEquals("tabular/mlp", json.get("model").getAsString());
    assertEquals(17, json.get("opset").getAsInt());
    assertTrue(Files.isRegularFile(dir.resolve("mlp.onnx")));
  }

  @Test
  void badRequestsAreOneLineErrorsAndWriteNothing() throws IOException {
    String missing = dir.resolve("absent/model.onnx").toString();
    Cli.run("export", "cnn", "--model", "fashion-mnist/simple-cnn", "--out", missing)
        .userError("The folder of " + missing + " does not exist");
    Cli.run("export", "cnn", "--model", "fashion-mnist/simple-cnn", "--format", "tflite")
        .userError("The zoo exports to onnx only, not to 'tflite'");
    Cli.run(
            "export",
            "rnn",
            "--model",
            "fortunes/char-lstm",
            "--out",
            dir.resolve("x.onnx").toString())
        .userError("Family rnn has no export action.");
    Cli.run(
            "export",
            "vae",
            "--model",
            "fashion-mnist/conv-vae",
            "--part",
            "prior",
            "--out",
            dir.resolve("x.onnx").toString())
        .userError("--part must be decoder or encoder, not 'prior'.");
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "a refused export wrote a file");
    }

    Path file = dir.resolve("m.onnx");
    Cli.run("export", "cnn", "--model", "fashion-mnist/simple-cnn", "--out", file.toString()).ok();
    Cli.run("predict", "cnn", "--checkpoint", file.toString(), "--engine", "pytorch", "x.png")
        .userError("An ONNX file runs on onnxruntime only, not on pytorch.");
    Cli.run("eval", "tabular", "--checkpoint", file.toString())
        .userError(file + " holds a cnn model, not a tabular model.");
    Cli.run("generate", "vae", "--checkpoint", file.toString(), "--out", "x.png")
        .userError(file + " is an ONNX file, which this command does not take");
    Files.writeString(dir.resolve("fake.onnx"), "not a model");
    Cli.run("predict", "cnn", "--checkpoint", dir.resolve("fake.onnx").toString(), "x.png")
        .userError("is not an ONNX model");
    assertFalse(Files.exists(dir.resolve("absent")));
  }

  @Test
  void everyFamilyHasExportHelp() {
    Cli.Result r = Cli.run("export", "--help").ok();
    assertTrue(r.out().startsWith("Usage: zoo export"), r.out());
    String help = Cli.run("export", "vae", "--help").ok().out();
    assertTrue(
        help.contains("--format") && help.contains("--out") && help.contains("--part"), help);
  }
}
