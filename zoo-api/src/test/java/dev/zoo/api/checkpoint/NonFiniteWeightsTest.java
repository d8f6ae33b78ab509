package dev.zoo.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.zoo.api.common.CheckpointException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parameter file holding a NaN or an infinite weight, saved by the engine itself, is refused in
 * one sentence naming the file, the parameter and the value's place, on PyTorch and on MXNet; the
 * same file with finite values loads.
 */
class NonFiniteWeightsTest {

  @TempDir Path run;

  private static Block linear(NDManager manager) {
    Block block = Linear.builder().setUnits(3).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    return block;
  }

  private Checkpoint saved(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    try (CheckpointWriter writer = CheckpointWriter.begin(run.resolve(Checkpoint.DIR))) {
      writer.put("model.params", out -> out.write(bytes.toByteArray()));
      writer.commit(CheckpointTest.info("cnn", 1));
    }
    return Checkpoint.open(run, "cnn");
  }

  private static void setValue(Block block, String parameter, int index, float value) {
    NDArray array = block.getParameters().get(parameter).getArray();
    float[] values = array.toFloatArray();
    values[index] = value;
    array.set(values);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PyTorch", "MXNet"})
  void nanAndInfiniteWeightsAreRefusedNamingFileAndParameter(String engine) throws IOException {
    try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
      Block good = linear(manager);
      float[] weights = good.getParameters().get("weight").getArray().toFloatArray();
      Checkpoint finite = saved(good);
      Block loaded = linear(manager);
      finite.loadParameters("model.params", loaded, manager);
      assertArrayEquals(weights, loaded.getParameters().get("weight").getArray().toFloatArray());

      Block nan = linear(manager);
      setValue(nan, "weight", 5, Float.NaN);
      Checkpoint withNan = saved(nan);
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () -> withNan.loadParameters("model.params", linear(manager), manager));
      assertEquals(
          "Checkpoint file "
              + withNan.dir().resolve("model.params")
              + " holds NaN as value 5 of parameter weight; a model with weights that are not"
              + " finite numbers cannot give meaningful answers.",
          e.getMessage());

      Block infinite = linear(manager);
      setValue(infinite, "bias", 2, Float.NEGATIVE_INFINITY);
      Checkpoint withInfinity = saved(infinite);
      e =
          assertThrows(
              CheckpointException.class,
              () -> withInfinity.loadParameters("model.params", linear(manager), manager));
      assertEquals(
          "Checkpoint file "
              + withInfinity.dir().resolve("model.params")
              + " holds -Infinity as value 2 of parameter bias; a model with weights that are not"
              + " finite numbers cannot give meaningful answers.",
          e.getMessage());
    }
  }
}
