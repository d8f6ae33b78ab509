package dev.zoo.rnn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * One time step of a single-layer LSTM or GRU computed from its parameters with two linear maps and
 * element-wise gates, for generation: engines' fused recurrent kernels cost milliseconds of set-up
 * per call (libtorch's oneDNN path on a CPU), which dominates when each call advances one token.
 * The equations are PyTorch's ({@code torch.nn.LSTM}, {@code torch.nn.GRU}), whose gate order DJL
 * uses on every engine: LSTM gates {@code i, f, g, o} with {@code c' = f c + i g} and {@code h' = o
 * tanh(c')}; GRU gates {@code r, z, n} with {@code n = tanh(x W_in + b_in + r (h W_hn + b_hn))} and
 * {@code h' = (1 - z) n + z h}.
 */
final class RecurrentStep {

  private RecurrentStep() {}

  /**
   * Advances {@code layer} by one step.
   *
   * @param x the input {@code (batch, 1, features)}
   * @param state {@code h} (and {@code c} for an LSTM), each {@code (1, batch, hidden)}
   * @return the output {@code (batch, 1, hidden)} followed by the new state, shaped as the input's
   */
  static NDList step(
      RecurrentStack.Cell cell,
      RecurrentBlock layer,
      ParameterStore store,
      NDArray x,
      NDList state) {
    Device device = x.getDevice();
    List<Parameter> p = layer.getDirectParameters().values();
    // DJL's order: i2h weight, h2h weight, i2h bias, h2h bias.
    NDArray wih = store.getValue(p.get(0), device, false);
    NDArray whh = store.getValue(p.get(1), device, false);
    NDArray bih = store.getValue(p.get(2), device, false);
    NDArray bhh = store.getValue(p.get(3), device, false);
    long batch = x.getShape().get(0);
    NDArray input = x.reshape(batch, -1);
    NDArray h = state.get(0).reshape(batch, -1);
    NDArray fromInput = Linear.linear(input, wih, bih).head();
    NDArray fromState = Linear.linear(h, whh, bhh).head();
    NDArray next;
    NDList newState = new NDList();
    if (cell == RecurrentStack.Cell.LSTM) {
      NDList gates = fromInput.add(fromState).split(4, 1);
      NDArray c = state.get(1).reshape(batch, -1);
      NDArray nextC =
          Activation.sigmoid(gates.get(1))
              .mul(c)
              .add(Activation.sigmoid(gates.get(0)).mul(Activation.tanh(gates.get(2))));
      next = Activation.sigmoid(gates.get(3)).mul(Activation.tanh(nextC));
      newState.add(next.reshape(1, batch, -1));
      newState.add(nextC.reshape(1, batch, -1));
    } else {
      NDList gi = fromInput.split(3, 1);
      NDList gh = fromState.split(3, 1);
      NDArray r = Activation.sigmoid(gi.get(0).add(gh.get(0)));
      NDArray z = Activation.sigmoid(gi.get(1).add(gh.get(1)));
      NDArray n = Activation.tanh(gi.get(2).add(r.mul(gh.get(2))));
      next = z.neg().add(1).mul(n).add(z.mul(h));
      newState.add(next.reshape(1, batch, -1));
    }
    NDList out = new NDList(next.reshape(batch, 1, -1));
    out.addAll(newState);
    return out;
  }
}
