package dev.zoo.api.common;

/**
 * A checkpoint that cannot be used: missing, incomplete, corrupted (a checksum that does not
 * match), of an unknown format, of another family or variant, or with parameters that do not fit
 * the model. A saved model is never changed when this is thrown.
 */
public class CheckpointException extends ZooException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public CheckpointException(String message) {
    super(message);
  }

  /** An exception with a one-sentence message and the low-level cause. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
