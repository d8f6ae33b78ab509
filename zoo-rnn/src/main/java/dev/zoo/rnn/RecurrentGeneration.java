package dev.zoo.rnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
      NDList state = new NDList();
      int[] input = prompt;
      for (int produced = 0; produced < length; produced++) {
        float[] last;
        try (NDManager step = generation.newSubManager()) {
          NDList in = new NDList(tokens(step, input, 1, input.length));
          in.addAll(state);
          NDList out = net.forward(new ParameterStore(step, false), in, false);
          last = out.head().get(0, input.length - 1).toFloatArray();
          state.forEach(NDArray::close);
          state = new NDList();
          for (int i = 1; i < out.size(); i++) {
            NDArray kept = out.get(i);
            kept.attach(generation);
            state.add(kept);
          }
        }
        int next = sampler.sample(last);
        drawn.accept(next);
        input = new int[] {next};
      }
    }
  }

  /** Token indices {@code (rows, length)} as an INT32 array in {@code scope}. */
  static NDArray tokens(NDManager scope, int[] indices, int rows, int length) {
    return scope.create(IntBuffer.wrap(indices), new Shape(rows, length));
  }
}
