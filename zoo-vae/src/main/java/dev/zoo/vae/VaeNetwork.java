package dev.zoo.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.zoo.api.nn.Scalars;

/**
 * The network of a VAE: an encoder from an image to the mean and log-variance of the Gaussian
 * q(z|x), and a decoder from a latent code z to one Bernoulli logit per pixel. The decoder is a
 * dense part, a reshape to a small feature map, and an up-sampling part (the identity for a fully
 * connected decoder).
 *
 * <p>{@link #forward} takes the images and standard normal noise, draws z with the
 * reparameterisation z = mean + exp(logvar / 2) * noise, and returns the logits, mean and logvar.
 */
final class VaeNetwork extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int latent;
  private final Shape featureMap;
  private final Block encoder;
  private final Block dense;
  private final Block upsampler;

  /**
   * @param latent the latent dimension
   * @param encoder maps (N, 1, H, W) images to (N, 2 * latent): means, then log-variances
   * @param dense maps (N, latent) codes to (N, C * h * w) features
   * @param featureMap (C, h, w), the shape the features are read as
   * @param upsampler maps (N, C, h, w) to (N, 1, H, W) logits
   */
  VaeNetwork(int latent, Block encoder, Block dense, Shape featureMap, Block upsampler) {
    super(VERSION);
    this.latent = latent;
    this.featureMap = featureMap;
    this.encoder = addChildBlock("encoder", encoder);
    this.dense = addChildBlock("dense", dense);
    this.upsampler = addChildBlock("upsampler", upsampler);
  }

  int latent() {
    return latent;
  }

  /**
   * The encoder as one block, for export: images {@code (N, 1, H, W)} in [0, 1] to {@code (N, 2
   * latent)}, the latent mean followed by the log-variance.
   */
  Block encoderBlock() {
    return encoder;
  }

  /**
   * The decoder as one block, for export: codes {@code (N, latent)} to pixel probabilities {@code
   * (N, 1, H, W)} in [0, 1] (the sigmoid of the Bernoulli logits), the images the model samples.
   */
  Block decoderBlock() {
    Shape map = featureMap;
    return new SequentialBlock()
        .add(dense)
        .add(LambdaBlock.singleton(z -> z.reshape(new Shape(z.getShape().get(0)).addAll(map))))
        .add(upsampler)
        .add(Activation.sigmoidBlock());
  }

  /** The mean and log-variance of q(z|x), each (N, latent). */
  NDList encode(ParameterStore store, NDArray images, boolean training) {
    NDArray both = encoder.forward(store, new NDList(images), training).head();
    return both.split(new long[] {latent}, 1);
  }

  /** The Bernoulli logits of each pixel, (N, 1, H, W), for codes z of shape (N, latent). */
  NDArray decode(ParameterStore store, NDArray z, boolean training) {
    NDArray features = dense.forward(store, new NDList(z), training).head();
    NDArray map = features.reshape(new Shape(z.getShape().get(0)).addAll(featureMap));
    return upsampler.forward(store, new NDList(map), training).head();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList q = encode(store, inputs.get(0), training);
    NDArray mean = q.get(0);
    NDArray logVariance = q.get(1);
    NDArray z = mean.add(Scalars.mul(logVariance, 0.5f).exp().mul(inputs.get(1)));
    return new NDList(decode(store, z, training), mean, logVariance);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    Shape code = new Shape(n, latent);
    return new Shape[] {inputShapes[0], code, code};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes[0]);
    dense.initialize(manager, dataType, new Shape(1, latent));
    upsampler.initialize(manager, dataType, new Shape(1).addAll(featureMap));
  }
}
