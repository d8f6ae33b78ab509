package dev.zoo.api.common;

/**
 * A setting the zoo cannot use: an unknown variant or hyper-parameter, a value of the wrong type or
 * out of range (zero epochs, a negative learning rate, top-p above 1), an option that does not
 * apply to the model, or an output path that cannot be written.
 */
public class InvalidSettingException extends ZooException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public InvalidSettingException(String message) {
    super(message);
  }

  /** An exception with a one-sentence message and the low-level cause. */
  public InvalidSettingException(String message, Throwable cause) {
    super(message, cause);
  }
}
