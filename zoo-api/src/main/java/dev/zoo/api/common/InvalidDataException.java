package dev.zoo.api.common;

/**
 * Input data the zoo cannot use: a truncated or malformed file (IDX, image, CSV, text), labels and
 * images of different counts, an image of the wrong size, a class the model does not know, or an
 * empty data set. Its message names the file or record and what is wrong with it.
 */
public class InvalidDataException extends ZooException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public InvalidDataException(String message) {
    super(message);
  }

  /** An exception with a one-sentence message and the low-level cause. */
  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
