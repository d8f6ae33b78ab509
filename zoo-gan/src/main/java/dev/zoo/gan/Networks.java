package dev.zoo.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.nn.UpConv2d;

/**
 * The generator and discriminator of each variant. A conditional model gets its class as extra
 * inputs, concatenated by {@link ImageGenerator} before these blocks: one-hot after the noise for
 * the generator, one constant plane per class after the image for the discriminator.
 */
final class Networks {

  private static final float LEAK = 0.2f;

  private Networks() {}

  /** The generator: noise (and one-hot class) in, an image in [-1, 1] out, shape (N, 1, H, W). */
  static Block generator(String variant, int height, int width, int kernel) {
    return switch (variant) {
      case "dcgan", "cdcgan", "wgan" -> convGenerator(height, width, kernel);
      case "mlp-gan" -> mlpGenerator(height, width);
      default -> throw new ZooException("Unknown variant '" + variant + "' of family gan.");
    };
  }

  /** The discriminator (or critic): an image (and class planes) in, one score per image out. */
  static Block discriminator(String variant) {
    return switch (variant) {
      case "dcgan", "cdcgan", "wgan" -> convDiscriminator();
      case "mlp-gan" -> mlpDiscriminator();
      default -> throw new ZooException("Unknown variant '" + variant + "' of family gan.");
    };
  }

  /**
   * DCGAN's generator sized for small images: a dense projection to 128 maps of H/4 x W/4, then two
   * stride-2 transposed convolutions (64 maps, then the image), batch norm and ReLU between.
   */
  private static Block convGenerator(int height, int width, int kernel) {
    int h = height / 4;
    int w = width / 4;
    return new SequentialBlock()
        .add(Linear.builder().setUnits(128L * h * w).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(new Reshape(128, h, w))
        .add(UpConv2d.withoutBias(64, kernel, 2))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(UpConv2d.of(1, kernel, 2))
        .add(Activation.tanhBlock());
  }

  /** DCGAN's discriminator: two stride-2 4x4 convolutions (64, 128) with LeakyReLU, one score. */
  private static Block convDiscriminator() {
    return new SequentialBlock()
        .add(conv(64))
        .add(Activation.leakyReluBlock(LEAK))
        .add(conv(128))
        .add(Activation.leakyReluBlock(LEAK))
        .add(new Reshape())
        .add(Linear.builder().setUnits(1).build());
  }

  /** The fully connected generator of the original GAN: ReLU layers of 256 and 512 units. */
  private static Block mlpGenerator(int height, int width) {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(512).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits((long) height * width).build())
        .add(Activation.tanhBlock())
        .add(new Reshape(1, height, width));
  }

  /** The fully connected discriminator: LeakyReLU layers of 512 and 256 units, one score. */
  private static Block mlpDiscriminator() {
    return new SequentialBlock()
        .add(new Reshape())
        .add(Linear.builder().setUnits(512).build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.leakyReluBlock(LEAK))
        .add(Linear.builder().setUnits(1).build());
  }

  private static Block conv(int filters) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(4, 4))
        .optStride(new Shape(2, 2))
        .optPadding(new Shape(1, 1))
        .build();
  }
}
