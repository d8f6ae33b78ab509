package dev.zoo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the command line: exit status 2 and one line on standard error, {@code zoo: } and a
 * sentence, without a stack trace unless {@code --verbose} asks for one.
 */
class CliErrorsTest {

  @TempDir Path dir;

  private String out() {
    return dir.resolve("run").toString();
  }

  @Test
  void everyCommandHasTheHelpItsErrorsPointTo() {
    for (String command :
        List.of(
            "run",
            "train",
            "eval",
            "predict",
            "generate",
            "encode",
            "score",
            "attention",
            "export",
            "bench",
            "info")) {
      Cli.Result r = Cli.run(command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: zoo " + command), r.out());
      // Each action lists the families, and each family's command has its own help.
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  cnn ")), r.out());
      Cli.Result family = Cli.run(command, "cnn", "--help");
      assertEquals(0, family.code(), command + " cnn: " + family.err());
      assertTrue(family.out().startsWith("Usage: zoo " + command + " cnn"), family.out());
    }
  }

  @Test
  void unknownFamily() {
    Cli.run("train", "nope", "--out", out())
        .userError("Unknown family 'nope'; known families: cnn");
    Cli.run("eval", "nope", "--checkpoint", out()).userError("Unknown family 'nope'");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void unknownVariant() {
    Cli.run("train", "cnn", "--variant", "vgg99", "--out", out())
        .userError(
            "Unknown variant 'vgg99' of family cnn; known variants: simple-cnn, lenet, resnet.");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void engineThatCannotTrain() {
    String line =
        Cli.run("--engine", "tensorflow", "train", "cnn", "--out", out(), "--limit", "100")
            .userError("Engine tensorflow cannot run training cnn/simple-cnn: it lacks training");
    String able = line.substring(line.indexOf("engines that can: "));
    assertTrue(able.contains("pytorch") && able.contains("mxnet"), line);
    assertFalse(able.contains("tensorflow"), line);
    // The option may also follow the command.
    Cli.run("train", "cnn", "--variant", "lenet", "--out", out(), "--engine", "tensorflow")
        .userError("Engine tensorflow cannot run training cnn/lenet", "engines that can: ");
    Cli.run("train", "cnn", "--out", out(), "--engine", "caffe")
        .userError(
            "Unknown engine 'caffe'; known engines: ",
            "pytorch",
            "mxnet",
            "tensorflow",
            "onnxruntime");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void onnxRuntimeRunsOnlyOnnxFilesSoItTrainsNoFamily() {
    String line =
        Cli.run("--engine", "onnxruntime", "train", "cnn", "--out", out(), "--limit", "100")
            .userError(
                "Engine onnxruntime cannot run training cnn/simple-cnn: it lacks training, linear"
                    + " layers, 2-D convolution, max pooling");
    String able = line.substring(line.indexOf("engines that can: "));
    assertEquals("engines that can: mxnet, pytorch.", able, line);
    for (String family : List.of("gan", "vae", "rnn", "transformer", "tabular")) {
      Cli.run("train", family, "--out", out(), "--engine", "onnxruntime")
          .userError("Engine onnxruntime cannot run training " + family + "/", "it lacks training");
    }
    assertFalse(Files.exists(dir.resolve("run")));
  }

  @Test
  void zeroOrNegativeNumbers() {
    Cli.run("train", "cnn", "--epochs", "0", "--out", out())
        .userError("Epochs must be a positive number, not 0.");
    Cli.run("train", "cnn", "--batch-size", "-1", "--out", out())
        .userError("Batch size must be a positive number, not -1.");
    Cli.run("train", "cnn", "--limit", "0", "--out", out())
        .userError("Limit must be a positive number, not 0.");
    Cli.run("train", "cnn", "--lr", "-0.1", "--out", out())
        .userError("Learning rate must be a positive number, not -0.1.");
    Cli.run("train", "cnn", "--set", "batch_size=0", "--limit", "100", "--out", out())
        .userError("Batch size must be a positive number, not 0.");
    Cli.run("train", "cnn", "--set", "epochs=many", "--out", out())
        .userError("Hyper-parameter 'epochs' must be an integer, not 'many'.");
    assertFalse(Files.exists(dir.resolve("run").resolve("checkpoint")));
  }

  @Test
  void outputThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "precious");
    Cli.run("train", "cnn", "--out", file.toString())
        .userError("Output directory " + file + " is a file, not a directory.");
    assertEquals("precious", Files.readString(file));
    Cli.run("train", "cnn").userError("Name the run directory with --out DIR.");
  }

  @Test
  void checkpointThatDoesNotExist() {
    assertFalse(Files.exists(Path.of("/nonexistent")));
    Cli.run("eval", "cnn", "--checkpoint", "/nonexistent")
        .userError("Checkpoint /nonexistent does not exist.");
    Cli.run("predict", "cnn", "--checkpoint", "/nonexistent", "a.png")
        .userError("Checkpoint /nonexistent does not exist.");
  }

  @Test
  void checkpointFolderWithoutModelJson() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("model.params"), "not a checkpoint");
    Cli.run("predict", "cnn", "--checkpoint", empty.toString(), "a.png")
        .userError("No checkpoint in " + empty + ": it has no model.json.");
    Cli.run("eval", "cnn", "--checkpoint", empty.toString()).userError("No checkpoint in " + empty);
  }

  @Test
  void truncatedIdxData() throws IOException {
    Path data = writeIdx(dir.resolve("data"), 20, 10);
    Path images = data.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 28 * 28 - 5));
    Cli.run("train", "cnn", "--data", data.toString(), "--out", out())
        .userError("File " + images + " is truncated: expected 15680 pixel bytes, found 14891.");
    assertFalse(Files.exists(dir.resolve("run")));

    Path notIdx = writeIdx(dir.resolve("not-idx"), 20, 10);
    Files.writeString(notIdx.resolve("t10k-labels-idx1-ubyte"), "label,image\n1,2\n");
    Cli.run("train", "cnn", "--data", notIdx.toString(), "--out", out())
        .userError("is not an IDX label file (magic number 0x6c616265).");

    Path counts = writeIdx(dir.resolve("counts"), 20, 10);
    Files.write(counts.resolve("train-labels-idx1-ubyte"), labels(19));
    Cli.run("train", "cnn", "--data", counts.toString(), "--out", out())
        .userError("has 20 images but file", "has 19 labels.");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Cli.Result r = Cli.run("--verbose", "eval", "cnn", "--checkpoint", "/nonexistent");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("\tat "), r::toString);
    assertTrue(
        r.err()
            .contains(
                "dev.zoo.api.common.CheckpointException: Checkpoint /nonexistent does not exist."),
        r::toString);
    List<String> lines = r.errLines();
    assertEquals("zoo: Checkpoint /nonexistent does not exist.", lines.get(lines.size() - 1));
  }

  @Test
  void commandLineSyntaxErrors() {
    // One sentence that points to the help of the family's command.
    String bogus =
        Cli.run("train", "cnn", "--out", out(), "--bogus").userError("zoo train cnn --help");
    assertTrue(bogus.startsWith("zoo: Unknown option: '--bogus'"), bogus);
    Cli.run("train", "cnn", "--out", out(), "--bogus=3")
        .userError("Unknown option: '--bogus'", "zoo train cnn --help");

    Cli.Result notANumber = Cli.run("train", "cnn", "--epochs", "three", "--out", out());
    assertEquals(2, notANumber.code(), notANumber::toString);
    assertTrue(notANumber.err().startsWith("zoo: "), notANumber::toString);
    assertTrue(notANumber.err().contains("three"), notANumber::toString);

    Cli.Result noCheckpoint = Cli.run("eval", "cnn");
    assertEquals(2, noCheckpoint.code(), noCheckpoint::toString);
    assertTrue(noCheckpoint.err().contains("--checkpoint"), noCheckpoint::toString);
    Cli.run("eval", "cnn").userError("Give either --checkpoint DIR or --model NAME");

    Cli.run("predict", "cnn", "--checkpoint", out(), "--top", "5", "a.png")
        .userError("Unknown option: '--top'", "zoo predict cnn --help");
  }

  @Test
  void familyMissingOrAfterItsOptions() {
    Cli.run("train").userError("Name a family: 'zoo train FAMILY'", "known families: ", "cnn");
    Cli.run("generate").userError("Name a family: 'zoo generate FAMILY'");
    Cli.run("info").userError("'zoo info FAMILY' or 'zoo info --checkpoint DIR'", "cnn");
    Cli.run("trian", "cnn").userError("Unknown command 'trian'; see 'zoo --help'.");
    Cli.run("train", "--out", out(), "cnn")
        .userError("Name the family before the options: 'zoo train FAMILY [OPTIONS]'", "cnn");
    // Global options may come before the family.
    Cli.run("train", "--engine", "caffe", "cnn", "--out", out())
        .userError("Unknown engine 'caffe'");
    // Family names are not case-sensitive, as 'zoo info CNN' was.
    Cli.run("info", "CNN").ok();
    Cli.run("predict", "cnn", "--checkpoint", out(), "a.png", "extra")
        .userError("Checkpoint " + out() + " does not exist.");
    assertFalse(Files.exists(dir.resolve("run")));
  }

  /** Writes a Fashion-MNIST folder of plain IDX files with the given numbers of images. */
  static Path writeIdx(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("train-images-idx3-ubyte"), images(train));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(train));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(test));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(test));
    return dir;
  }

  private static byte[] images(int count) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * 28 * 28);
    b.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
    for (int i = 0; i < count * 28 * 28; i++) {
      b.put((byte) (i * 31));
    }
    return b.array();
  }

  private static byte[] labels(int count) {
    ByteBuffer b = ByteBuffer.allocate(8 + count);
    b.putInt(0x00000801).putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (i % 10));
    }
    return b.array();
  }
}
