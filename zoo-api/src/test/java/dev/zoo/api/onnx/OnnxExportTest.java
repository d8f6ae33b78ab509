package dev.zoo.api.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.onnx.proto.OnnxProto.ModelProto;
import dev.zoo.api.onnx.proto.OnnxProto.NodeProto;
import dev.zoo.api.testing.OnnxChecker;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX export of the layers the families build, checked by ONNX's own checker; the refusals of
 * a layer it has no form for and of a missing output folder leave no file behind.
 */
class OnnxExportTest {

  @TempDir Path dir;

  /** Conv, batch norm, every activation, both poolings, a residual join, dropout, dense layers. */
  private static Block everyLayer() {
    Block residual =
        new ParallelBlock(
            b -> new NDList(b.get(0).head().add(b.get(1).head())),
            List.of(
                new SequentialBlock().add(conv(4)).add(BatchNorm.builder().build()),
                Blocks.identityBlock()));
    return new SequentialBlock()
        .add(conv(4))
        .add(BatchNorm.builder().optEpsilon(1e-3f).build())
        .add(Activation.leakyReluBlock(0.2f))
        .add(residual)
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Activation.tanhBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(8).build())
        .add(Activation::sigmoid)
        .add(LambdaBlock.singleton(x -> x.reshape(-1, 2, 4)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(3).optBias(false).build());
  }

  private static Block conv(int filters) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .build();
  }

  @Test
  void everyLayerExportsAndPassesOnnxsChecker() throws Exception {
    Path file = dir.resolve("net.onnx");
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Block block = everyLayer();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
      OnnxExport.Written w =
          OnnxExport.write(block, new Shape(1, 8, 8), manager, Map.of("k", "v"), file);
      assertEquals(new Shape(3), w.outputShape());
      assertEquals(Files.size(file), w.bytes());
    }
    String checked = OnnxChecker.check(file);
    assertTrue(checked.startsWith("ok 17 "), checked);
    ModelProto model;
    try (InputStream in = Files.newInputStream(file)) {
      model = ModelProto.parseFrom(in);
    }
    List<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    for (String op :
        List.of(
            "Conv",
            "BatchNormalization",
            "LeakyRelu",
            "Add",
            "Relu",
            "MaxPool",
            "Tanh",
            "Reshape",
            "Gemm",
            "Sigmoid")) {
      assertTrue(ops.contains(op), op + " missing from " + ops);
    }
    assertEquals("k", model.getMetadataProps(0).getKey());
    assertEquals(OnnxExport.OUTPUT, model.getGraph().getOutput(0).getName());
  }

  @Test
  void aLayerWithoutOnnxFormIsRefusedInOneSentenceAndNothingIsWritten() throws Exception {
    Path file = dir.resolve("net.onnx");
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Block layerNorm =
          new SequentialBlock()
              .add(Linear.builder().setUnits(4).build())
              .add(LayerNorm.builder().build());
      layerNorm.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      InvalidSettingException e =
          assertThrows(
              InvalidSettingException.class,
              () -> OnnxExport.write(layerNorm, new Shape(3), manager, Map.of(), file));
      assertEquals("The ONNX export has no form for the block LayerNorm.", e.getMessage());

      Block lstm =
          new SequentialBlock()
              .add(LSTM.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).build());
      lstm.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 3));
      e =
          assertThrows(
              InvalidSettingException.class,
              () -> OnnxExport.write(lstm, new Shape(5, 3), manager, Map.of(), file));
      assertEquals("The ONNX export has no form for the block LSTM.", e.getMessage());

      Block doubling =
          new SequentialBlock().add(new LambdaBlock(x -> new NDList(x.head().mul(2)), "twice"));
      doubling.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      e =
          assertThrows(
              InvalidSettingException.class,
              () -> OnnxExport.write(doubling, new Shape(3), manager, Map.of(), file));
      assertEquals(
          "The ONNX export has no form for the layer 'twice' that maps (2, 3) to (2, 3).",
          e.getMessage());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "a refused export left files behind");
    }
  }

  @Test
  void aMissingOutputFolderIsRefusedBeforeAnythingIsWritten() {
    Path file = dir.resolve("no/such/folder/net.onnx");
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Block block = new SequentialBlock().add(Linear.builder().setUnits(2).build());
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      InvalidSettingException e =
          assertThrows(
              InvalidSettingException.class,
              () -> OnnxExport.write(block, new Shape(3), manager, Map.of(), file));
      assertTrue(e.getMessage().startsWith("The folder of " + file + " does not exist"));
    }
    assertFalse(Files.exists(dir.resolve("no")));
  }
}
