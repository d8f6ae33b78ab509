package dev.zoo.api.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.InvalidDataException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.onnx.proto.OnnxProto.ModelProto;
import dev.zoo.api.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.zoo.api.onnx.proto.OnnxProto.TensorShapeProto.Dimension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An ONNX file the zoo exported ({@link OnnxExport}), opened for inference on an engine that loads
 * ONNX files (ONNX Runtime, through DJL's {@code Model} API, so that the zoo needs no ONNX Runtime
 * classes): {@link #run} maps a float batch {@code (N, ...)} to the network's output {@code (N,
 * ...)}. Close it to free the session.
 */
public final class OnnxNetwork implements AutoCloseable {

  /**
   * The output of one run.
   *
   * @param values the values, row-major
   * @param shape their shape, the batch axis first
   */
  public record Output(float[] values, Shape shape) {}

  /**
   * What an exported file says of itself.
   *
   * @param description the {@code model.json} stored under {@link OnnxExport#DESCRIPTION}
   * @param input the graph input's shape without the batch axis
   */
  public record Header(String description, Shape input) {}

  private final Model model;
  private final Predictor<NDList, NDList> predictor;
  private final Header header;

  private OnnxNetwork(Model model, Header header) {
    this.model = model;
    this.predictor = model.newPredictor(new NoopTranslator());
    this.header = header;
  }

  /**
   * The {@code model.json} that {@code file} carries under {@link OnnxExport#DESCRIPTION}, and its
   * input's shape.
   *
   * @throws CheckpointException when the file is missing, is no ONNX model, or the zoo did not
   *     write it
   */
  public static Header header(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("ONNX file " + file + " does not exist.");
    }
    ModelProto proto;
    try (InputStream in = Files.newInputStream(file)) {
      proto = ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new CheckpointException(file + " is not an ONNX model: " + e.getMessage(), e);
    }
    for (StringStringEntryProto e : proto.getMetadataPropsList()) {
      if (e.getKey().equals(OnnxExport.DESCRIPTION) && proto.getGraph().getInputCount() == 1) {
        List<Dimension> dims =
            proto.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        long[] input = dims.stream().skip(1).mapToLong(Dimension::getDimValue).toArray();
        return new Header(e.getValue(), new Shape(input));
      }
    }
    throw new CheckpointException(
        file
            + " is an ONNX model the zoo did not export: it has no "
            + OnnxExport.DESCRIPTION
            + ".");
  }

  /**
   * Opens {@code file} on {@code choice}'s engine, which must load ONNX files.
   *
   * @throws CheckpointException when the file is not an ONNX model the zoo exported or the engine
   *     cannot load it
   */
  public static OnnxNetwork open(Path file, EngineChoice choice) {
    Header header = header(file);
    choice.backend().load();
    Model model =
        Model.newInstance("zoo-onnx", choice.device().toDjl(), choice.backend().djlEngine());
    try {
      model.load(file);
      return new OnnxNetwork(model, header);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new CheckpointException(
          "ONNX Runtime cannot load " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** What the file says of itself. */
  public Header header() {
    return header;
  }

  /**
   * Runs the network on {@code n} inputs of shape {@code input} (without the batch axis), the first
   * {@code n * input.size()} of {@code values}, row-major.
   *
   * @throws InvalidDataException when ONNX Runtime refuses the input (e.g. a wrong shape)
   */
  public Output run(float[] values, int n, Shape input) {
    Shape shape = new Shape(n).addAll(input);
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray x =
          scope.create(FloatBuffer.wrap(values, 0, (int) shape.size()), shape, DataType.FLOAT32);
      NDArray y = predictor.predict(new NDList(x)).singletonOrThrow();
      return new Output(y.toFloatArray(), y.getShape());
    } catch (TranslateException | RuntimeException e) {
      throw new InvalidDataException(
          "ONNX Runtime cannot run the model on inputs of shape " + shape + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
