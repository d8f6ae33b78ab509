package dev.zoo.api.train;

import dev.zoo.api.checkpoint.Network;

/**
 * A network that a training task updates with its own optimizer, and the checkpoint file of that
 * optimizer's state. A GAN has two groups (generator and discriminator); most models have one.
 *
 * @param network the network and its parameter file
 * @param optimizer how it is optimised
 * @param optimizerFile the checkpoint file of the optimizer's state, e.g. {@code optimizer.state}
 */
public record ParameterGroup(Network network, OptimizerSettings optimizer, String optimizerFile) {

  /** The single group of a model: {@code network} with its state in {@code optimizer.state}. */
  public static ParameterGroup of(Network network, OptimizerSettings optimizer) {
    return new ParameterGroup(network, optimizer, "optimizer.state");
  }

  /** The group's name, the network's. */
  public String name() {
    return network.name();
  }
}
