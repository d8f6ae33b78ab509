package dev.zoo.api.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.onnx.proto.OnnxProto.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes a trained DJL network as an ONNX model (IR 8, opset 17;
 * https://onnx.ai/onnx/repo-docs/IR.html) that ONNX Runtime runs without the zoo's engines: the
 * graph {@link BlockWalker} translates, the parameters as initializers, one float input {@code
 * input} of shape {@code (N, ...)} and one output {@code output}, and the caller's metadata (the
 * zoo stores the checkpoint's {@code model.json} under {@link #DESCRIPTION}). The file appears
 * whole or not at all: it is written to a temporary file in the same folder and then renamed.
 */
public final class OnnxExport {

  /** The metadata key under which the zoo stores the checkpoint's {@code model.json}. */
  public static final String DESCRIPTION = "zoo.model.json";

  /** The name of the graph's input. */
  public static final String INPUT = "input";

  /** The name of the graph's output. */
  public static final String OUTPUT = "output";

  private static final int PROBE_BATCH = 2;

  /**
   * What an export wrote.
   *
   * @param file the ONNX file
   * @param bytes its size
   * @param nodes the number of graph nodes
   * @param outputShape the output's shape without the batch axis
   */
  public record Written(Path file, long bytes, int nodes, Shape outputShape) {}

  private OnnxExport() {}

  /**
   * Exports {@code block} (initialised, in inference mode) for inputs of shape {@code (N,
   * input...)} to {@code out}.
   *
   * @param block the trained network
   * @param input one input's shape without the batch axis, e.g. {@code (1, 28, 28)}
   * @param manager the manager of the block's parameters; the probe batch lives in a sub-manager
   * @param metadata key-value pairs stored in the model
   * @param out the ONNX file to write; its folder must exist
   * @throws InvalidSettingException for a block the export has no ONNX form for, or when the folder
   *     of {@code out} does not exist
   * @throws ZooException when the file cannot be written
   */
  public static Written write(
      Block block, Shape input, NDManager manager, Map<String, String> metadata, Path out) {
    Path folder = checkFolder(out);
    Path file = out.toAbsolutePath().normalize();
    ModelProto model;
    Shape outputShape;
    try (NDManager scope = manager.newSubManager()) {
      OnnxGraph graph = new OnnxGraph("zoo");
      NDArray probe = scope.randomNormal(new Shape(PROBE_BATCH).addAll(input));
      String in = graph.input(INPUT, input.getShape());
      BlockWalker.Step result =
          new BlockWalker(graph, scope).walk(block, new BlockWalker.Step(in, probe));
      outputShape = result.probe().getShape().slice(1);
      String last = graph.node("Identity", result.tensor());
      graph.output(last, outputShape.getShape());
      model = renamed(graph.model(version(), metadata));
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(folder, ".export-", ".onnx.tmp");
      readableByAll(tmp);
      try (OutputStream os = Files.newOutputStream(tmp)) {
        model.writeTo(os);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Written(file, Files.size(file), model.getGraph().getNodeCount(), outputShape);
    } catch (IOException e) {
      throw new ZooException("Cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the rename took it, or the folder went away
        }
      }
    }
  }

  /**
   * The folder {@code out} is to be written in.
   *
   * @throws InvalidSettingException when it does not exist
   */
  public static Path checkFolder(Path out) {
    Path folder = out.toAbsolutePath().normalize().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new InvalidSettingException(
          "The folder of " + out + " does not exist: create it first or choose another --out.");
    }
    return folder;
  }

  /** The model with its last node's output called {@link #OUTPUT}. */
  private static ModelProto renamed(ModelProto model) {
    ModelProto.Builder b = model.toBuilder();
    var graph = b.getGraphBuilder();
    var node = graph.getNodeBuilder(graph.getNodeCount() - 1);
    node.setOutput(0, OUTPUT);
    graph.getOutputBuilder(0).setName(OUTPUT);
    return b.build();
  }

  /** Gives the file the permissions of an ordinary new file (a temporary one has owner-only). */
  private static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static String version() {
    String v = OnnxExport.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
