package dev.zoo.api;

/**
 * A problem the user can fix: a bad file, an unknown name, an engine without the needed operations.
 * Its message is one sentence that names the problem; the command line prints it without a stack
 * trace and exits with status 2.
 */
public class ZooException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ZooException(String message) {
    super(message);
  }

  public ZooException(String message, Throwable cause) {
    super(message, cause);
  }
}
