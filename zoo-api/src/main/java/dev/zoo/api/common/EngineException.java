package dev.zoo.api.common;

/**
 * No engine can do what was asked: an unknown engine or device name, an engine whose native library
 * is not on the class path, or an engine that lacks an operation the job needs (the message names
 * the operations and the engines that have them).
 */
public class EngineException extends ZooException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public EngineException(String message) {
    super(message);
  }

  /** An exception with a one-sentence message and the low-level cause. */
  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
