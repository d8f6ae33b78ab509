package dev.zoo.api.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rule every fuzz target checks: a reader returns a result or throws a {@link ZooException}
 * whose message is one sentence. Any other exception or error escapes to Jazzer as a finding.
 */
final class Outcome {
  private Outcome() {}

  /** The reader's result, or empty when it refused the input with one sentence. */
  static <T> Optional<T> of(Supplier<T> reader) {
    try {
      return Optional.of(reader.get());
    } catch (ZooException e) {
      requireOneSentence(e);
      return Optional.empty();
    }
  }

  /** Runs an action that may refuse the input with one sentence. */
  static void run(Runnable action) {
    of(
        () -> {
          action.run();
          return Boolean.TRUE;
        });
  }

  /** Fails unless the message is one non-blank sentence ending in a full stop. */
  static void requireOneSentence(ZooException e) {
    String message = e.getMessage();
    assertNotNull(message, "a ZooException without a message");
    assertFalse(message.isBlank(), "a blank message");
    assertTrue(message.endsWith("."), () -> "not a sentence: " + message);
  }

  /** Fails unless every value is a number in [0, 1]. */
  static void requireUnitRange(float[] values) {
    for (float v : values) {
      assertTrue(v >= 0f && v <= 1f, () -> "a value outside [0, 1]: " + v);
    }
  }
}
