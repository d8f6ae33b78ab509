package dev.zoo.api.common;

/**
 * A problem the user can fix, with a message of one sentence that names it. The command line prints
 * the message without a stack trace and exits with status 2.
 *
 * <p>Callers that need to tell problems apart catch the subtypes: {@link InvalidDataException} (bad
 * input data), {@link CheckpointException} (a checkpoint that cannot be used), {@link
 * EngineException} (no engine can do the job), {@link InvalidSettingException} (a bad setting or
 * name) and {@link RunInUseException} (another live run trains into the same run directory). A
 * plain {@code ZooException} is any other user-fixable problem.
 */
public class ZooException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public ZooException(String message) {
    super(message);
  }

  /** An exception with a one-sentence message and the low-level cause. */
  public ZooException(String message, Throwable cause) {
    super(message, cause);
  }
}
