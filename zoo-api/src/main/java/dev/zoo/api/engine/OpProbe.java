package dev.zoo.api.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv2dTranspose;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * Measures which of the zoo's operations a loaded engine really runs, by running each one once on a
 * tiny input. Used by {@code zoo engines} and by tests that keep each backend's declared offers
 * honest.
 */
public final class OpProbe {

  private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(OpProbe.class);

  private OpProbe() {}

  /** Runs every probe on {@code engine} and returns the operations that worked. */
  public static Set<Op> probe(Engine engine) {
    EnumSet<Op> works = EnumSet.noneOf(Op.class);
    for (Op op : Op.values()) {
      try (NDManager manager = engine.newBaseManager()) {
        run(op, manager);
        works.add(op);
      } catch (RuntimeException | LinkageError e) {
        // The engine lacks this operation; that is what the probe measures.
        LOGGER.debug("{} lacks {}: {}", engine.getEngineName(), op, e.toString());
      }
    }
    return works;
  }

  private static void run(Op op, NDManager m) {
    NDArray image = m.randomUniform(0, 1, new Shape(2, 1, 6, 6));
    NDArray sequence = m.randomUniform(0, 1, new Shape(2, 3, 4));
    switch (op) {
      case TRAINING -> {
        NDArray w = m.ones(new Shape(3));
        w.setRequiresGradient(true);
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
          collector.backward(w.mul(w).sum());
        }
        check(w.getGradient());
      }
      case LINEAR -> forward(m, Linear.builder().setUnits(2).build(), sequence, false);
      case CONV2D ->
          forward(
              m,
              Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build(),
              image,
              false);
      case CONV2D_TRANSPOSE ->
          forward(
              m,
              Conv2dTranspose.builder().setKernelShape(new Shape(2, 2)).setFilters(2).build(),
              image,
              false);
      case MAX_POOL ->
          check(Pool.maxPool2d(image, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
      case AVG_POOL ->
          check(
              Pool.avgPool2d(
                  image, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true));
      case BATCH_NORM -> forward(m, BatchNorm.builder().build(), image, true);
      case LAYER_NORM -> forward(m, LayerNorm.builder().build(), sequence, true);
      case DROPOUT -> forward(m, Dropout.builder().optRate(0.5f).build(), sequence, true);
      case EMBEDDING ->
          check(
              image
                  .getNDArrayInternal()
                  .embedding(
                      m.create(new int[] {0, 2}), m.ones(new Shape(3, 4)), SparseFormat.DENSE)
                  .get(0));
      case LSTM ->
          forward(
              m,
              LSTM.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).build(),
              sequence,
              true);
      case GRU ->
          forward(
              m,
              GRU.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).build(),
              sequence,
              true);
      case INTERPOLATE -> check(image.getNDArrayInternal().resize(12, 12, 0));
      case REPEAT -> check(image.repeat(2, 2));
      case BATCH_MATMUL -> check(sequence.batchMatMul(sequence.transpose(0, 2, 1)));
      case MEAN_TWO_AXES -> check(image.mean(new int[] {2, 3}));
      case GELU -> check(Activation.gelu(sequence));
      case LEAKY_RELU -> check(Activation.leakyRelu(sequence, 0.1f));
      case ADAM_UPDATE -> {
        NDArray w = m.ones(new Shape(3));
        w.setRequiresGradient(true);
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
          collector.backward(w.mul(w).sum());
        }
        NDList inputs = new NDList(w, w.getGradient(), w.zerosLike(), w.zerosLike());
        w.getNDArrayInternal()
            .adamUpdate(
                inputs, new NDList(w), 0.1f, 0.1f, 0f, 1f, -1f, 0.9f, 0.999f, 1e-8f, true, false);
        check(w);
      }
      default -> throw new IllegalStateException("no probe for " + op);
    }
  }

  private static void forward(NDManager m, Block block, NDArray input, boolean training) {
    block.initialize(m, DataType.FLOAT32, input.getShape());
    if (!training) {
      check(block.forward(new ParameterStore(m, false), new NDList(input), false).head());
      return;
    }
    // MXNet runs training-mode layers only while gradients are being recorded.
    input.setRequiresGradient(true);
    try (GradientCollector collector = m.getEngine().newGradientCollector()) {
      NDArray out = block.forward(new ParameterStore(m, false), new NDList(input), true).head();
      collector.backward(out.sum());
      check(out);
    }
  }

  private static void check(NDArray array) {
    // Reading the values forces engines that compute lazily to really run the operation.
    float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
    if (values.length == 0) {
      throw new IllegalStateException("empty result");
    }
  }
}
