package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zoo.api.checkpoint.Checkpoint;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link Checkpoint#open} on checkpoint folders built from the input — {@code model.json}
 * text, file names, checksums, small files — and, when a checkpoint opens, loads its {@code
 * model.params} into a small linear block on PyTorch and runs it once.
 *
 * <p>Input: a flags byte (bit 0: the files lie in {@code run/checkpoint} rather than {@code run};
 * bit 1: in the hidden previous checkpoint instead; bit 2: open for any family), a chunk with the
 * bytes of {@code model.json}, in which each {@code @sha@} becomes the SHA-256 of the next file
 * written, then files until the input ends (at most 4): a byte for the name ({@code model.params},
 * {@code notes.txt}, a name read from a chunk, or a symbolic link {@code model.params} to a file
 * outside) and a chunk for the content.
 */
class CheckpointFuzzTest {
  static final String FAMILY = "tiny";
  static final String PARAMETERS = "model.params";
  private static final Pattern SHA = Pattern.compile("@sha@");

  @TempDir Path tmp;

  @FuzzTest(maxDuration = "10m")
  @Timeout(10)
  void open(byte[] data) throws IOException {
    FuzzInput in = new FuzzInput(data);
    int flags = in.u8();
    byte[] json = in.chunk();
    Path run = Scratch.fresh(tmp).resolve("run");
    Path dir =
        (flags & 2) != 0
            ? run.resolve(".checkpoint-previous")
            : (flags & 1) != 0 ? run.resolve(Checkpoint.DIR) : run;
    Files.createDirectories(dir);
    List<String> checksums = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] choice = in.bytes(1);
      if (choice.length == 0) {
        break;
      }
      String name =
          switch (choice[0] & 3) {
            case 0, 3 -> PARAMETERS;
            case 1 -> "notes.txt";
            default -> new String(in.bytes(in.u8() % 16), StandardCharsets.UTF_8);
          };
      byte[] content = in.chunk();
      if (!isFileName(name) || Files.exists(dir.resolve(name))) {
        continue;
      }
      if ((choice[0] & 3) == 3) {
        Files.createSymbolicLink(dir.resolve(name), Scratch.write(tmp, "case/outside", content));
      } else {
        Files.write(dir.resolve(name), content);
      }
      checksums.add(sha256(content));
    }
    Files.write(dir.resolve("model.json"), withChecksums(json, checksums));
    String family = (flags & 4) != 0 ? null : FAMILY;
    Outcome.of(() -> Checkpoint.open(run, family)).ifPresent(CheckpointFuzzTest::use);
  }

  /** Reads every file the checkpoint lists and runs the block its parameters load into. */
  private static void use(Checkpoint checkpoint) {
    assertNotNull(checkpoint.info().files());
    for (String name : checkpoint.info().files().keySet()) {
      try (DataInputStream in = checkpoint.open(name)) {
        in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!checkpoint.has(PARAMETERS)) {
      return;
    }
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Block block = tinyBlock(manager);
      Outcome.run(
          () -> {
            checkpoint.loadParameters(PARAMETERS, block, manager);
            NDList out =
                block.forward(
                    new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(1, 2))),
                    false);
            assertEquals(new Shape(1, 3), out.singletonOrThrow().getShape());
          });
    }
  }

  /** A linear block from 2 inputs to 3 outputs, initialised. */
  static Block tinyBlock(NDManager manager) {
    Block block = Linear.builder().setUnits(3).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    return block;
  }

  private static boolean isFileName(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && !name.equals("model.json")
        && name.indexOf('/') < 0
        && name.indexOf('\0') < 0
        && name.getBytes(StandardCharsets.UTF_8).length < 200;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] withChecksums(byte[] json, List<String> checksums) {
    String text = new String(json, StandardCharsets.ISO_8859_1);
    Matcher m = SHA.matcher(text);
    StringBuilder out = new StringBuilder();
    int next = 0;
    while (m.find()) {
      m.appendReplacement(out, next < checksums.size() ? checksums.get(next++) : "");
    }
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
