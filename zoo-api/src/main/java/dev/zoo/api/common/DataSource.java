package dev.zoo.api.common;

/**
 * Training data that can say where it came from and give a fingerprint of its content, for the
 * provenance a checkpoint records.
 */
public interface DataSource {

  /**
   * Where the data came from, e.g. {@code Fashion-MNIST from /usr/share/datasets/fashion-mnist}.
   */
  String source();

  /**
   * A SHA-256 of the examples (and labels) as read, as 64 hexadecimal digits: equal data gives an
   * equal hash whatever file format it was read from.
   */
  String sha256();
}
