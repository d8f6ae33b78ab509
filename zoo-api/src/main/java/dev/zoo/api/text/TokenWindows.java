package dev.zoo.api.text;

import dev.zoo.api.common.InvalidDataException;

/**
 * A token stream cut into consecutive windows of {@code length + 1} tokens for next-token training:
 * window {@code i} gives inputs {@code tokens[i*length .. i*length+length)} and targets shifted by
 * one. The training loop shuffles window indices; each index is one example.
 */
public final class TokenWindows {

  private final int[] tokens;
  private final int length;

  /** Windows of {@code length} inputs over {@code tokens}. */
  public TokenWindows(int[] tokens, int length) {
    if (length <= 0) {
      throw new InvalidDataException("The window length must be positive, not " + length + ".");
    }
    if (tokens.length < length + 1) {
      throw new InvalidDataException(
          "The text is too short ("
              + tokens.length
              + " tokens) for windows of "
              + length
              + "; use a shorter context or more text.");
    }
    this.tokens = tokens;
    this.length = length;
  }

  /** The number of windows. */
  public int size() {
    return (tokens.length - 1) / length;
  }

  /** The number of inputs per window. */
  public int length() {
    return length;
  }

  /** Inputs of the windows at {@code indices}, row after row ({@code indices.length x length}). */
  public int[] inputs(int[] indices) {
    return gather(indices, 0);
  }

  /** The next token after each input position, in the same layout as {@link #inputs}. */
  public int[] targets(int[] indices) {
    return gather(indices, 1);
  }

  private int[] gather(int[] indices, int shift) {
    int[] out = new int[indices.length * length];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(tokens, indices[r] * length + shift, out, r * length, length);
    }
    return out;
  }
}
