package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.zoo.api.text.TokenSampler;
import java.nio.IntBuffer;
import java.util.function.IntConsumer;

/**
 * Autoregressive sampling from a {@link CharRnnNet} that carries the recurrent state forward: the
 * prompt is read once, then each step feeds only the token drawn last together with the state, so a
 * step costs the same however long the text grows. Each step's arrays live in a sub-manager closed
 * after it; the state lives in one for the whole generation.
 */
final class RecurrentGeneration {

  private RecurrentGeneration() {}

  /**
   * Draws {@code length} tokens after {@code prompt}, handing each to {@code drawn} at once.
   *
   * @param net the network
   * @param parent the model's manager
   * @param prompt the token indices to continue, at least one
   * @param length how many tokens to draw, at least one
   * @param sampler draws a token from the last position's logits
   */
  static void run(
      CharRnnNet net,
      NDManager parent,
      int[] prompt,
      int length,
      TokenSampler sampler,
      IntConsumer drawn) {
    try (NDManager generation = parent.newSubManager()) {
      NDList out =
          net.forward(
              new ParameterStore(generation, false),
              new NDList(tokens(generation, prompt, 1, prompt.length)),
              false);
      continueFrom(net, generation, out, length, sampler, drawn);
    }
  }

  /**
   * Draws {@code length} tokens after the network's output {@code first} for a prompt: logits
   * {@code (1, T, vocabulary)} followed by the recurrent state, which later steps carry forward.
   *
   * @param net the network
   * @param generation the manager that holds the state between steps; the caller closes it
   * @param first the network's output for the prompt; its state arrays are closed once used
   * @param length how many tokens to draw, at least one
   * @param sampler draws a token from the last position's logits
   */
  static void continueFrom(
      Block net,
      NDManager generation,
      NDList first,
      int length,
      TokenSampler sampler,
      IntConsumer drawn) {
    NDList state = kept(first, generation);
    float[] last = lastLogits(first.head());
    for (int produced = 1; ; produced++) {
      int next = sampler.sample(last);
      drawn.accept(next);
      if (produced == length) {
        break;
      }
      try (NDManager step = generation.newSubManager()) {
        NDList in = new NDList(tokens(step, new int[] {next}, 1, 1));
        in.addAll(state);
        NDList out = net.forward(new ParameterStore(step, false), in, false);
        last = lastLogits(out.head());
        state.forEach(NDArray::close);
        state = kept(out, generation);
      }
    }
  }

  /** The logits of the last position of {@code (1, T, vocabulary)} logits. */
  private static float[] lastLogits(NDArray logits) {
    return logits.get(0, logits.getShape().get(1) - 1).toFloatArray();
  }

  /** The recurrent state of a step's output (all but its logits), moved into {@code generation}. */
  private static NDList kept(NDList out, NDManager generation) {
    NDList state = new NDList();
    for (int i = 1; i < out.size(); i++) {
      NDArray array = out.get(i);
      array.attach(generation);
      state.add(array);
    }
    return state;
  }

  /** Token indices {@code (rows, length)} as an INT32 array in {@code scope}. */
  static NDArray tokens(NDManager scope, int[] indices, int rows, int length) {
    return scope.create(IntBuffer.wrap(indices), new Shape(rows, length));
  }
}
