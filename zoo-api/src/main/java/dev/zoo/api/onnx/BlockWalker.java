package dev.zoo.api.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.nn.UpConv2d;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a DJL block tree into ONNX nodes, layer by layer, while it runs a probe batch through
 * the same blocks in inference mode: the probe gives every layer's output shape, and tells what a
 * {@link LambdaBlock} or a {@link ParallelBlock}'s join computes (DJL keeps their functions
 * opaque), see {@link LambdaForms}. Parameterised layers map by their settings: {@link Linear} to
 * {@code Gemm}, {@link Conv2d} to {@code Conv}, {@link BatchNorm} (running statistics) to {@code
 * BatchNormalization}; {@link Dropout} is the identity. Any other block is refused in one sentence.
 */
final class BlockWalker {

  /** A tensor of the graph and the probe batch's value of it. */
  record Step(String tensor, NDArray probe) {}

  /** The blocks with parameters or children that have an ONNX form. */
  private static final Set<Class<?>> KNOWN =
      Set.of(
          ParallelBlock.class,
          Linear.class,
          Conv2d.class,
          BatchNorm.class,
          Dropout.class,
          UpConv2d.class);

  private final OnnxGraph graph;
  private final NDManager scope;
  private final ParameterStore store;

  /** A walker that adds to {@code graph}; the probe's arrays live in {@code scope}. */
  BlockWalker(OnnxGraph graph, NDManager scope) {
    this.graph = graph;
    this.scope = scope;
    this.store = new ParameterStore(scope, false);
  }

  /**
   * Adds the nodes of {@code block} applied to {@code in}; returns its output.
   *
   * @throws InvalidSettingException for a block the export has no ONNX form for
   */
  Step walk(Block block, Step in) {
    if (block instanceof SequentialBlock) {
      Step x = in;
      for (Block child : block.getChildren().values()) {
        x = walk(child, x);
      }
      return x;
    }
    boolean parameterless = block.getDirectParameters().isEmpty() && block.getChildren().isEmpty();
    if (!parameterless && !KNOWN.contains(block.getClass())) {
      throw unsupported(block);
    }
    NDArray out = probe(block, in);
    if (block instanceof ParallelBlock parallel) {
      return parallel(parallel, in, out);
    }
    if (block instanceof Linear) {
      return linear(block, in, out);
    }
    if (block instanceof Conv2d conv) {
      return conv(conv, in, out);
    }
    if (block instanceof BatchNorm) {
      return batchNorm(block, in, out);
    }
    if (block instanceof Dropout) {
      return new Step(in.tensor(), out);
    }
    if (block instanceof UpConv2d up) {
      return upConv(up, in, out);
    }
    String name =
        block instanceof LambdaBlock lambda ? lambda.getName() : block.getClass().getSimpleName();
    return new Step(ProbedForms.translate(name, graph, in, out), out);
  }

  /** The block's one output on the probe; a block that gives several, or fails, is refused. */
  private NDArray probe(Block block, Step in) {
    NDList out;
    try {
      out = block.forward(store, new NDList(in.probe()), false);
    } catch (RuntimeException e) {
      throw unsupported(block);
    }
    if (out.size() != 1) {
      throw unsupported(block);
    }
    return out.head();
  }

  private Step parallel(ParallelBlock block, Step in, NDArray out) {
    List<Step> branches = new ArrayList<>();
    for (Block branch : block.getChildren().values()) {
      branches.add(walk(branch, in));
    }
    NDArray sum = branches.get(0).probe();
    for (Step b : branches.subList(1, branches.size())) {
      sum = sum.add(b.probe());
    }
    if (!ProbedForms.same(sum, out)) {
      throw new InvalidSettingException(
          "The ONNX export has no form for a parallel block that does not add its branches.");
    }
    String tensor = branches.get(0).tensor();
    for (Step b : branches.subList(1, branches.size())) {
      tensor = graph.node("Add", tensor, b.tensor());
    }
    return new Step(tensor, out);
  }

  private Step linear(Block block, Step in, NDArray out) {
    if (in.probe().getShape().dimension() != 2) {
      throw new InvalidSettingException(
          "The ONNX export takes a linear layer on (N, features) inputs only, not "
              + in.probe().getShape()
              + ".");
    }
    String w = graph.initializer("weight", param(block, "weight"));
    NDArray b = param(block, "bias");
    String tensor =
        b == null
            ? graph.node("Gemm", Map.of("transB", 1L), in.tensor(), w)
            : graph.node(
                "Gemm", Map.of("transB", 1L), in.tensor(), w, graph.initializer("bias", b));
    return new Step(tensor, out);
  }

  private Step conv(Conv2d conv, Step in, NDArray out) {
    long[] pad = conv.getPadding().getShape();
    Map<String, Object> attributes =
        Map.of(
            "kernel_shape", conv.getKernelShape().getShape(),
            "strides", conv.getStride().getShape(),
            "dilations", conv.getDilation().getShape(),
            "pads", new long[] {pad[0], pad[1], pad[0], pad[1]},
            "group", (long) conv.getGroups());
    String w = graph.initializer("weight", param(conv, "weight"));
    NDArray b = param(conv, "bias");
    String tensor =
        b == null
            ? graph.node("Conv", attributes, in.tensor(), w)
            : graph.node("Conv", attributes, in.tensor(), w, graph.initializer("bias", b));
    return new Step(tensor, out);
  }

  /**
   * {@link UpConv2d} as {@code ConvTranspose}: its weight {@code w[o, c, u, v]} is the transposed
   * convolution's kernel flipped in both spatial axes with the channel axes swapped.
   */
  private Step upConv(UpConv2d up, Step in, NDArray out) {
    long k = up.convolution().getKernelShape().get(0);
    long s = up.stride();
    long p = up.padding();
    long a = up.outputPadding();
    Map<String, Object> attributes =
        Map.of(
            "kernel_shape", new long[] {k, k},
            "strides", new long[] {s, s},
            "pads", new long[] {p, p, p, p},
            "output_padding", new long[] {a, a});
    NDArray w = param(up.convolution(), "weight");
    NDArray kernel = scope.create(w.toFloatArray(), w.getShape()).flip(2, 3).transpose(1, 0, 2, 3);
    String weight = graph.initializer("weight", kernel);
    NDArray b = param(up.convolution(), "bias");
    String tensor =
        b == null
            ? graph.node("ConvTranspose", attributes, in.tensor(), weight)
            : graph.node(
                "ConvTranspose", attributes, in.tensor(), weight, graph.initializer("bias", b));
    return new Step(tensor, out);
  }

  private Step batchNorm(Block block, Step in, NDArray out) {
    int axis = (int) field(block, "axis");
    if (axis != 1) {
      throw new InvalidSettingException(
          "The ONNX export takes batch normalisation over axis 1 only, not axis " + axis + ".");
    }
    float epsilon = (float) field(block, "epsilon");
    NDArray mean = param(block, "runningMean");
    NDArray var = param(block, "runningVar");
    NDArray gamma =
        (boolean) field(block, "scale") ? param(block, "gamma") : scope.ones(mean.getShape());
    NDArray beta =
        (boolean) field(block, "center") ? param(block, "beta") : scope.zeros(mean.getShape());
    String tensor =
        graph.node(
            "BatchNormalization",
            Map.of("epsilon", epsilon),
            in.tensor(),
            graph.initializer("gamma", gamma),
            graph.initializer("beta", beta),
            graph.initializer("mean", mean),
            graph.initializer("var", var));
    return new Step(tensor, out);
  }

  /** The array of the block's parameter {@code name}, or null when it has none. */
  private static NDArray param(Block block, String name) {
    for (var p : block.getDirectParameters()) {
      Parameter parameter = p.getValue();
      if (p.getKey().equals(name) && parameter.isInitialized()) {
        return parameter.getArray();
      }
    }
    return null;
  }

  /** A private setting of a DJL block that DJL offers no getter for. */
  private static Object field(Block block, String name) {
    try {
      Field f = block.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return f.get(block);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DJL's " + block.getClass().getSimpleName() + " changed.", e);
    }
  }

  static InvalidSettingException unsupported(Block block) {
    return new InvalidSettingException(
        "The ONNX export has no form for the block "
            + block.getClass().getSimpleName()
            + (block instanceof LambdaBlock l ? " '" + l.getName() + "'" : "")
            + ".");
  }
}
