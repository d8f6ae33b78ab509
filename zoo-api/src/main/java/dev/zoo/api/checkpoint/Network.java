package dev.zoo.api.checkpoint;

import ai.djl.nn.Block;

/**
 * One network of a model as a checkpoint stores it: a DJL block whose parameters go into one file.
 * A model has one (a classifier) or more (a GAN's generator and discriminator).
 *
 * @param name what the network is, e.g. {@code model}, {@code generator}
 * @param block the initialised block
 * @param parametersFile the checkpoint file of its parameters, e.g. {@code model.params}
 */
public record Network(String name, Block block, String parametersFile) {

  /** The only network of a model, stored in {@code model.params}. */
  public static Network of(Block block) {
    return new Network("model", block, "model.params");
  }
}
