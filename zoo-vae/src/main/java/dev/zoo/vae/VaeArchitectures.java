package dev.zoo.vae;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.nn.UpConv2d;

/** The network definitions of the VAE family, one method per variant. */
final class VaeArchitectures {

  private VaeArchitectures() {}

  /**
   * Refuses hyper-parameters and image sizes a variant cannot be built with, before anything is
   * loaded or written.
   *
   * @throws InvalidSettingException for a latent dimension below 1, a beta that is not a number of
   *     at least 0, or (conv-vae) image sides that are not multiples of 4 of at least 8
   */
  static void check(String variant, Hyperparameters hp, int height, int width) {
    int latent = hp.getInt("latent_dim");
    if (latent < 1) {
      throw new InvalidSettingException(
          "The latent dimension must be at least 1, not " + latent + ".");
    }
    double beta = hp.getDouble("beta");
    if (!(beta >= 0 && Double.isFinite(beta))) {
      throw new InvalidSettingException("Beta must be a number of at least 0, not " + beta + ".");
    }
    if ("conv-vae".equals(variant) && (height % 4 != 0 || width % 4 != 0 || height < 8)) {
      throw new InvalidSettingException(
          "The conv-vae takes images whose sides are multiples of 4 (at least 8), not "
              + height
              + "x"
              + width
              + ".");
    }
  }

  /** Builds the network of {@code variant} for {@code height x width} grey images. */
  static VaeNetwork build(String variant, Hyperparameters hp, int height, int width) {
    check(variant, hp, height, width);
    int latent = hp.getInt("latent_dim");
    return switch (variant) {
      case "conv-vae" -> conv(latent, height, width);
      case "mlp-vae" -> mlp(latent, height, width);
      default ->
          throw new InvalidSettingException("Unknown variant '" + variant + "' of family vae.");
    };
  }

  /**
   * A convolutional encoder (32 and 64 channels, 3x3, stride 2) and its mirror decoder: a dense
   * layer to 64 channels at a quarter of the size, a stride-2 transposed convolution to 32
   * channels, and a sub-pixel convolution (3x3 to four channels, then {@link DepthToSpace}) to the
   * logits at full size.
   */
  static VaeNetwork conv(int latent, int height, int width) {
    int h = height / 4;
    int w = width / 4;
    Block encoder =
        new SequentialBlock()
            .add(conv(32, 2))
            .add(Activation.reluBlock())
            .add(conv(64, 2))
            .add(Activation.reluBlock())
            .add(Blocks.batchFlattenBlock())
            .add(dense(2 * latent));
    Block dense = new SequentialBlock().add(dense(64 * h * w)).add(Activation.reluBlock());
    Block upsampler =
        new SequentialBlock()
            .add(UpConv2d.of(32, 3, 2))
            .add(Activation.reluBlock())
            .add(conv(4, 1))
            .add(new DepthToSpace(2));
    return new VaeNetwork(latent, encoder, dense, new Shape(64, h, w), upsampler);
  }

  /** A fully connected encoder (512, 256) and the mirrored decoder (256, 512, pixels). */
  static VaeNetwork mlp(int latent, int height, int width) {
    Block encoder =
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(dense(512))
            .add(Activation.reluBlock())
            .add(dense(256))
            .add(Activation.reluBlock())
            .add(dense(2 * latent));
    Block decoder =
        new SequentialBlock()
            .add(dense(256))
            .add(Activation.reluBlock())
            .add(dense(512))
            .add(Activation.reluBlock())
            .add(dense(height * width));
    return new VaeNetwork(
        latent, encoder, decoder, new Shape(1, height, width), Blocks.identityBlock());
  }

  private static Block conv(int filters, int stride) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(3, 3))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(1, 1))
        .build();
  }

  private static Block dense(int units) {
    return Linear.builder().setUnits(units).build();
  }
}
