package dev.zoo.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.nn.UpConv2d;

/**
 * The generator and discriminator of each variant. A conditional model gets its class as extra
 * inputs, concatenated by {@link ImageGenerator} before these blocks: one-hot after the noise for
 * the generator, one constant plane per class after the image for the discriminator.
 */
final class Networks {

  private static final float LEAK = 0.2f;

  /** The standard deviation of DCGAN's initial weights. */
  private static final float DCGAN_SIGMA = 0.02f;

  private Networks() {}

  /**
   * The generator: noise (and one-hot class) in, an image in [-1, 1] out, shape (N, 1, H, W). The
   * convolutional ones take {@code kernel} (4: DCGAN's kernel 4, stride 2, padding 1 transposed
   * convolutions, which avoid checkerboard artefacts; odd: kernel k, padding (k - 1) / 2) and
   * {@code g_channels}, the maps after the projection (halved by the first up-sampling). The
   * weights of every variant start as {@code weight_init} says.
   *
   * @throws InvalidSettingException for a kernel that is neither 4 nor odd, or an unknown {@code
   *     weight_init}
   */
  static Block generator(String variant, int height, int width, Hyperparameters hp) {
    return initialised(
        switch (variant) {
          case "dcgan", "cdcgan", "wgan" -> convGenerator(height, width, hp);
          case "mlp-gan" -> mlpGenerator(height, width);
          default -> throw new ZooException("Unknown variant '" + variant + "' of family gan.");
        },
        hp);
  }

  /**
   * The discriminator (or critic): an image (and class planes) in, one score per image out; the
   * convolutional one has {@code d_channels} maps (64 when not set) in its first layer and twice as
   * many in its second, whose batches it normalises when {@code d_batch_norm} is true, as DCGAN's
   * does (Radford et al., 2016).
   *
   * @throws InvalidSettingException when {@code d_channels} is not positive, or for an unknown
   *     {@code weight_init}
   */
  static Block discriminator(String variant, Hyperparameters hp) {
    return initialised(
        switch (variant) {
          case "dcgan", "cdcgan", "wgan" -> convDiscriminator(hp);
          case "mlp-gan" -> mlpDiscriminator();
          default -> throw new ZooException("Unknown variant '" + variant + "' of family gan.");
        },
        hp);
  }

  /**
   * Sets how {@code block}'s weights start, by {@code weight_init}: {@code normal} draws them from
   * N(0, 0.02²) as DCGAN does (Radford, Metz and Chintala, 2016, section 4); {@code he}, or no
   * setting, keeps DJL's default, He et al.'s normal distribution with variance 2 / fan-in. Biases
   * start at 0, batch norm's scales at 1.
   *
   * @throws InvalidSettingException for another value
   */
  private static Block initialised(Block block, Hyperparameters hp) {
    if (dcganInit(hp)) {
      block.setInitializer(new NormalInitializer(DCGAN_SIGMA), Parameter.Type.WEIGHT);
    }
    return block;
  }

  /**
   * Whether {@code weight_init} asks for DCGAN's N(0, 0.02²) weights ({@code normal}) rather than
   * DJL's default ({@code he}, or no setting).
   *
   * @throws InvalidSettingException for another value
   */
  static boolean dcganInit(Hyperparameters hp) {
    String init = hp.has("weight_init") ? hp.get("weight_init") : "he";
    return switch (init) {
      case "normal" -> true;
      case "he" -> false;
      default ->
          throw new InvalidSettingException(
              "The GAN's weight_init must be normal or he, not '" + init + "'.");
    };
  }

  /**
   * The maps of the convolutional discriminator's first layer: {@code d_channels}, 64 when not set.
   *
   * @throws InvalidSettingException when it is not positive
   */
  static int discriminatorChannels(Hyperparameters hp) {
    int channels = hp.has("d_channels") ? hp.getInt("d_channels") : 64;
    if (channels < 1) {
      throw new InvalidSettingException(
          "The discriminator's d_channels must be a positive number, not " + channels + ".");
    }
    return channels;
  }

  /**
   * DCGAN's generator (Radford, Metz and Chintala, 2016) sized for small images: a dense projection
   * to {@code g_channels} maps of H/4 x W/4, then two stride-2 transposed convolutions (half the
   * maps, then the image), batch norm and ReLU between, tanh at the end.
   */
  private static Block convGenerator(int height, int width, Hyperparameters hp) {
    int h = height / 4;
    int w = width / 4;
    int channels = hp.getInt("g_channels");
    int kernel = hp.getInt("kernel");
    return new SequentialBlock()
        .add(Linear.builder().setUnits((long) channels * h * w).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(new Reshape(channels, h, w))
        .add(upsample(channels / 2, kernel, false))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(upsample(1, kernel, true))
        .add(Activation.tanhBlock());
  }

  /** A stride-2 transposed convolution of {@code kernel} 4 (DCGAN's) or an odd kernel. */
  private static Block upsample(int filters, int kernel, boolean bias) {
    if (kernel == 4) {
      return UpConv2d.dcgan(filters, bias);
    }
    if (kernel % 2 == 0) {
      throw new InvalidSettingException(
          "The GAN's kernel must be 4 or an odd number, not " + kernel + ".");
    }
    return bias ? UpConv2d.of(filters, kernel, 2) : UpConv2d.withoutBias(filters, kernel, 2);
  }

  /**
   * DCGAN's discriminator: two stride-2 4x4 convolutions ({@code d_channels} and twice as many
   * maps) with LeakyReLU 0.2, the second batch-normalised when {@code d_batch_norm}, then one
   * score.
   */
  private static Block convDiscriminator(Hyperparameters hp) {
    int channels = discriminatorChannels(hp);
    SequentialBlock block =
        new SequentialBlock()
            .add(conv(channels))
            .add(Activation.leakyReluBlock(LEAK))
            .add(conv(2 * channels));
    if (hp.getBoolean("d_batch_norm")) {
      block.add(BatchNorm.builder().build());
    }
    return block
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
