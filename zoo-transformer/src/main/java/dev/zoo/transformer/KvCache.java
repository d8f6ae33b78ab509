package dev.zoo.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The keys and values every layer has computed for the tokens seen so far, so that decoding one
 * more token costs one step rather than a pass over the whole context. Its arrays live in its own
 * memory scope; close it when generation ends.
 */
final class KvCache implements AutoCloseable {

  private final NDManager scope;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  KvCache(NDManager parent, int layers) {
    this.scope = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** The number of positions cached. */
  int length() {
    return length;
  }

  /**
   * Appends one layer's new keys and values, shaped (batch, heads, new positions, head width), and
   * returns the whole keys and values of that layer so far.
   */
  NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
    keys[layer] = grow(keys[layer], newKeys);
    values[layer] = grow(values[layer], newValues);
    if (layer == keys.length - 1) {
      length = (int) keys[layer].getShape().get(2);
    }
    return new NDArray[] {keys[layer], values[layer]};
  }

  private NDArray grow(NDArray old, NDArray added) {
    NDArray merged = old == null ? added : old.concat(added, 2);
    merged.attach(scope);
    if (old != null) {
      old.close();
    }
    return merged;
  }

  /** Forgets every position, e.g. before the context is refilled with a shorter window. */
  void clear() {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        keys[i].close();
        values[i].close();
      }
      keys[i] = null;
      values[i] = null;
    }
    length = 0;
  }

  @Override
  public void close() {
    scope.close();
  }
}
