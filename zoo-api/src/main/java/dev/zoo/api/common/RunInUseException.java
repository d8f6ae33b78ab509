package dev.zoo.api.common;

/**
 * A training run (fresh or resumed) into a run directory that another live run, in this process or
 * another, is training into. The other run holds the directory's lock until it ends; the directory
 * is left as it was.
 */
public class RunInUseException extends ZooException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-sentence message. */
  public RunInUseException(String message) {
    super(message);
  }
}
