package dev.zoo.cnn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import java.util.List;

/** The network definitions of the CNN family, one method per variant. */
final class Architectures {

  private Architectures() {}

  /** Builds the network of {@code variant} with {@code classes} outputs. */
  static Block build(String variant, Hyperparameters hp, int classes) {
    return switch (variant) {
      case "simple-cnn" -> simpleCnn(classes);
      case "lenet" -> lenet(classes);
      case "resnet" -> resnet(hp.getInt("channels"), classes);
      default -> throw new ZooException("Unknown variant '" + variant + "' of family cnn.");
    };
  }

  /** The classic Keras MNIST network: three 3x3 convolutions (32, 64, 64), dense 64, dense. */
  static Block simpleCnn(int classes) {
    return new SequentialBlock()
        .add(conv(32, 3, 1, 0, true))
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv(64, 3, 1, 0, true))
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv(64, 3, 1, 0, true))
        .add(Activation.reluBlock())
        .add(Blocks.batchFlattenBlock())
        .add(dense(64))
        .add(Activation.reluBlock())
        .add(dense(classes));
  }

  /** LeNet-5 with ReLU and max pooling: conv 6 (5x5, padded), conv 16, dense 120, 84. */
  static Block lenet(int classes) {
    return new SequentialBlock()
        .add(conv(6, 5, 1, 2, true))
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv(16, 5, 1, 0, true))
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(dense(120))
        .add(Activation.reluBlock())
        .add(dense(84))
        .add(Activation.reluBlock())
        .add(dense(classes));
  }

  /**
   * A small residual network for 28x28 inputs: a 3x3 stem, then one basic block per stage at width,
   * 2x width (stride 2) and 4x width (stride 2), global average pooling and a dense layer.
   */
  static Block resnet(int width, int classes) {
    return new SequentialBlock()
        .add(conv(width, 3, 1, 1, false))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(basicBlock(width, 1, false))
        .add(basicBlock(2 * width, 2, true))
        .add(basicBlock(4 * width, 2, true))
        .add(Pool.globalAvgPool2dBlock())
        .add(dense(classes));
  }

  private static Block basicBlock(int channels, int stride, boolean project) {
    Block main =
        new SequentialBlock()
            .add(conv(channels, 3, stride, 1, false))
            .add(BatchNorm.builder().build())
            .add(Activation.reluBlock())
            .add(conv(channels, 3, 1, 1, false))
            .add(BatchNorm.builder().build());
    Block shortcut =
        project
            ? new SequentialBlock()
                .add(conv(channels, 1, stride, 0, false))
                .add(BatchNorm.builder().build())
            : Blocks.identityBlock();
    return new SequentialBlock()
        .add(
            new ParallelBlock(
                branches -> new NDList(branches.get(0).head().add(branches.get(1).head())),
                List.of(main, shortcut)))
        .add(Activation.reluBlock());
  }

  private static Block conv(int filters, int kernel, int stride, int padding, boolean bias) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(bias)
        .build();
  }

  private static Block dense(int units) {
    return Linear.builder().setUnits(units).build();
  }
}
