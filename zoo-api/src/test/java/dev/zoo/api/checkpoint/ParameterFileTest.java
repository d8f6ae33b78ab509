package dev.zoo.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import dev.zoo.api.common.CheckpointException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter files are checked against the block before DJL reads them: a file that does not fit is
 * refused in one sentence, before any array is created, whatever sizes it declares.
 */
class ParameterFileTest {
  @TempDir Path run;
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getEngine("PyTorch").newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** Linear(4) after a batch norm and a layer norm, for inputs of {@code features} values. */
  private Block network(int features, int units) {
    SequentialBlock block = new SequentialBlock();
    block.add(BatchNorm.builder().build());
    block.add(Linear.builder().setUnits(units).build());
    block.add(Activation.reluBlock());
    block.add(LayerNorm.builder().build());
    block.initialize(manager, DataType.FLOAT32, new Shape(1, features));
    return block;
  }

  private static byte[] parameters(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }

  private Checkpoint checkpoint(byte[] params) {
    try (CheckpointWriter writer = CheckpointWriter.begin(run.resolve(Checkpoint.DIR))) {
      writer.put("model.params", out -> out.write(params));
      writer.commit(CheckpointTest.info("cnn", 1));
    }
    return Checkpoint.open(run, "cnn");
  }

  private static float[] output(Block block, NDManager manager) {
    NDList out =
        block.forward(
            new ParameterStore(manager, false),
            new NDList(manager.arange(3f).reshape(1, 3)),
            false);
    return out.singletonOrThrow().toFloatArray();
  }

  private String refusal(byte[] params, Block into) {
    return refusal(checkpoint(params), into);
  }

  private String refusal(Checkpoint cp, Block into) {
    CheckpointException e =
        assertThrows(
            CheckpointException.class, () -> cp.loadParameters("model.params", into, manager));
    assertTrue(
        e.getMessage()
            .startsWith("Checkpoint " + cp.dir() + " does not fit this model: model.params "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("."), e.getMessage());
    return e.getMessage().substring(e.getMessage().indexOf("model.params ") + 13);
  }

  @Test
  void aFittingFileLoadsAndGivesTheSameOutputs() throws IOException {
    Block trained = network(3, 4);
    byte[] params = parameters(trained);
    Block fresh = network(3, 4);

    checkpoint(params).loadParameters("model.params", fresh, manager);

    assertArrayEquals(output(trained, manager), output(fresh, manager), 1e-6f);
  }

  @Test
  void aFileWrittenForABatchOfAnotherSizeStillLoads() throws IOException {
    Block trained = network(3, 4);
    trained.initialize(manager, DataType.FLOAT32, new Shape(32, 3));
    byte[] params = parameters(trained);
    Block fresh = network(3, 4);

    checkpoint(params).loadParameters("model.params", fresh, manager);

    assertArrayEquals(output(trained, manager), output(fresh, manager), 1e-6f);
  }

  @Test
  void anotherShapeIsRefusedNamingTheParameter() throws IOException {
    byte[] params = parameters(network(3, 5));

    assertEquals(
        "holds parameter 02Linear_weight of shape (5, 3), not (4, 3).",
        refusal(params, network(3, 4)));
  }

  @Test
  void anotherArchitectureIsRefused() throws IOException {
    Block other = new SequentialBlock().add(Linear.builder().setUnits(4).build());
    other.initialize(manager, DataType.FLOAT32, new Shape(1, 3));

    String problem = refusal(parameters(other), network(3, 4));

    assertTrue(problem.startsWith("does not match the layers of this model"), problem);
  }

  @Test
  void aTruncatedFileIsRefusedAtEveryCut() throws IOException {
    byte[] params = parameters(network(3, 4));
    Checkpoint cp = checkpoint(params);
    for (int cut = 0; cut < params.length; cut += 3) {
      Files.write(cp.dir().resolve("model.params"), Arrays.copyOf(params, cut));
      String problem = refusal(cp, network(3, 4));
      assertTrue(
          problem.equals("is truncated.") || problem.startsWith("does not match the layers"),
          cut + ": " + problem);
    }
  }

  @Test
  void bytesAfterTheLastParameterAreRefused() throws IOException {
    byte[] params = parameters(network(3, 4));
    byte[] longer = Arrays.copyOf(params, params.length + 3);

    assertEquals("has 3 bytes after its last parameter.", refusal(longer, network(3, 4)));
  }

  @Test
  void absurdDeclaredSizesAreRefusedBeforeAnyAllocation() throws IOException {
    byte[] params = parameters(network(3, 4));
    Checkpoint cp = checkpoint(params);
    // Every 4-byte window set to the largest int, in turn: counts of dimensions, of input shapes,
    // of layout characters, of data bytes, lengths of names.
    for (int at = 0; at + 4 <= params.length; at++) {
      byte[] damaged = params.clone();
      ByteBuffer.wrap(damaged).putInt(at, Integer.MAX_VALUE);
      Files.write(cp.dir().resolve("model.params"), damaged);
      Block block = network(3, 4);
      try {
        cp.loadParameters("model.params", block, manager);
      } catch (CheckpointException e) {
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
      }
    }
  }

  @Test
  void anotherDataTypeIsRefusedNamingBoth() throws IOException {
    Block doubles = Linear.builder().setUnits(2).build();
    doubles.initialize(manager, DataType.FLOAT64, new Shape(1, 3));
    Block floats = Linear.builder().setUnits(2).build();
    floats.initialize(manager, DataType.FLOAT32, new Shape(1, 3));

    assertEquals(
        "holds parameter weight as FLOAT64, not FLOAT32.", refusal(parameters(doubles), floats));
  }

  @Test
  void aParameterWithoutValuesIsRefused() throws IOException {
    Block linear = Linear.builder().setUnits(2).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    byte[] params = parameters(linear);
    // The weight's record, from its 'P' to the end of its data, becomes DJL's 'N' (not saved).
    int weight = indexOf(params, new byte[] {0, 'P', 1});
    int bias = indexOf(params, new byte[] {0, 'P', 1, 0, 4, 'b'});
    byte[] without = new byte[params.length - (bias - weight) + 2];
    System.arraycopy(params, 0, without, 0, weight);
    without[weight] = 0;
    without[weight + 1] = 'N';
    System.arraycopy(params, bias, without, weight + 2, params.length - bias);
    Block fresh = Linear.builder().setUnits(2).build();
    fresh.initialize(manager, DataType.FLOAT32, new Shape(1, 3));

    assertEquals("holds no values for parameter weight.", refusal(without, fresh));
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    for (int i = 0; i + pattern.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
  }

  @Test
  void aFileNotListedInTheCheckpointIsRefused() throws IOException {
    Checkpoint cp = checkpoint(parameters(network(3, 4)));
    Files.write(cp.dir().resolve("other.params"), parameters(network(3, 4)));

    CheckpointException e =
        assertThrows(
            CheckpointException.class,
            () -> cp.loadParameters("other.params", network(3, 4), manager));

    assertEquals("Checkpoint " + cp.dir() + " has no other.params.", e.getMessage());
  }
}
