package dev.zoo.api.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.common.CheckpointException;
import dev.zoo.api.common.EngineException;
import dev.zoo.api.engine.EngineChoice;
import dev.zoo.api.engine.EngineRequest;
import dev.zoo.api.engine.Op;
import dev.zoo.api.onnx.OnnxExport;
import dev.zoo.api.onnx.OnnxNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The family-independent half of {@code zoo export FAMILY --format onnx} and of running its file:
 * an export stores the checkpoint's {@code model.json} in the ONNX file, so that {@code zoo predict
 * FAMILY --checkpoint model.onnx} finds the labels and input shape in it; such a file runs on ONNX
 * Runtime, the one engine that loads ONNX files.
 */
public final class OnnxModels {

  /** The engine that runs ONNX files. */
  public static final String ENGINE = "onnxruntime";

  private OnnxModels() {}

  /** Whether {@code path} names an ONNX file (by its extension) rather than a checkpoint. */
  public static boolean isOnnx(Path path) {
    return path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
  }

  /**
   * Exports {@code block} of {@code model}, loaded from {@code checkpoint}, to the request's {@code
   * --out} (default {@code FAMILY-VARIANT.onnx}) for inputs {@code (N, input...)}; {@code part}
   * names the network when the model has several, else null.
   *
   * @throws dev.zoo.api.common.InvalidSettingException for a layer ONNX export has no form for, or
   *     a missing output folder
   */
  public static Report export(
      BaseModel<?> model,
      Checkpoint checkpoint,
      Block block,
      Shape input,
      String part,
      ModelRequest request) {
    String name = model.family() + "/" + model.variant();
    Path out =
        request.out() != null
            ? request.out()
            : Path.of(model.family() + "-" + model.variant() + ".onnx");
    String json;
    try {
      json = Files.readString(checkpoint.dir().resolve("model.json"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckpointException("Cannot read the model.json of " + checkpoint.dir() + ".", e);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(OnnxExport.DESCRIPTION, json);
    metadata.put("zoo.part", part == null ? "model" : part);
    OnnxExport.Written w = OnnxExport.write(block, input, model.manager(), metadata, out);
    String text =
        String.format(
            Locale.ROOT,
            "Exported %s%s from %s to %s: ONNX opset 17, %d nodes, %d parameters, %,d bytes;"
                + " input (N, %s), output (N, %s).%n",
            name,
            part == null ? "" : " (" + part + ")",
            checkpoint.dir(),
            out,
            w.nodes(),
            parameters(block),
            w.bytes(),
            dims(input),
            dims(w.outputShape()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("model", name);
    data.put("part", part == null ? "model" : part);
    data.put("file", out.toString());
    data.put("bytes", w.bytes());
    data.put("nodes", w.nodes());
    data.put("opset", 17);
    return new Report(text, data);
  }

  /**
   * Opens the ONNX file a command names for {@code family} on ONNX Runtime: {@code --engine} (or
   * {@code ZOO_ENGINE}) may name only that engine.
   *
   * @throws CheckpointException when the file is missing, not one the zoo exported, or another
   *     family's
   * @throws EngineException when another engine is asked for or ONNX Runtime is not installed
   */
  public static Opened open(ModelFamily family, Path file, RunContext context) {
    CheckpointInfo info = info(file);
    if (!family.name().equals(info.family())) {
      throw new CheckpointException(
          file + " holds a " + info.family() + " model, not a " + family.name() + " model.");
    }
    EngineRequest asked = new EngineRequest(context.engineName(), null).resolved();
    if (asked.engine() != null
        && !asked.engine().equalsIgnoreCase(ENGINE)
        && !asked.engine().equalsIgnoreCase("OnnxRuntime")) {
      throw new EngineException(
          "An ONNX file runs on " + ENGINE + " only, not on " + asked.engine() + ".");
    }
    EngineChoice choice =
        context
            .zoo()
            .selector()
            .choose(
                "running " + file,
                Set.<Op>of(),
                new EngineRequest(ENGINE, new EngineRequest(null, null).resolved().device()));
    if (asked.engine() == null) {
      choice =
          new EngineChoice(
              choice.backend(),
              choice.device(),
              ENGINE + " on " + choice.device() + ": the engine that runs ONNX files");
    }
    context.log().println("Engine: " + choice.reason() + ".");
    return new Opened(OnnxNetwork.open(file, choice), info, choice);
  }

  /** The {@code model.json} an exported ONNX file carries. */
  static CheckpointInfo info(Path file) {
    try {
      CheckpointInfo info =
          new Gson().fromJson(OnnxNetwork.header(file).description(), CheckpointInfo.class);
      if (info == null || info.family() == null || info.inputShape() == null) {
        throw new CheckpointException(file + " carries an incomplete model description.");
      }
      return info;
    } catch (JsonParseException e) {
      throw new CheckpointException(file + " carries a model description that cannot be read.", e);
    }
  }

  /** The number of scalars of {@code block}'s parameters. */
  private static long parameters(Block block) {
    long n = 0;
    for (var p : block.getParameters()) {
      if (p.getValue().isInitialized()) {
        n += p.getValue().getArray().getShape().size();
      }
    }
    return n;
  }

  private static String dims(Shape shape) {
    StringBuilder s = new StringBuilder();
    for (long d : shape.getShape()) {
      s.append(s.length() == 0 ? "" : ", ").append(d);
    }
    return s.toString();
  }

  /**
   * An exported network open on ONNX Runtime, with the description it carries.
   *
   * @param network the session
   * @param info the checkpoint's {@code model.json}
   * @param engine the engine it runs on
   */
  public record Opened(OnnxNetwork network, CheckpointInfo info, EngineChoice engine)
      implements AutoCloseable {

    /** The network's input shape without the batch axis, e.g. {@code (1, 28, 28)}. */
    public Shape input() {
      return network.header().input();
    }

    @Override
    public void close() {
      network.close();
    }
  }
}
