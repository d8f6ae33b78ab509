package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zoo.api.common.ZooException;
import org.junit.jupiter.api.Test;

/** Next-token windows over a token stream. */
class TokenWindowsTest {

  @Test
  void targetsAreInputsShiftedByOne() {
    TokenWindows w = new TokenWindows(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 3);
    assertEquals(2, w.size());
    assertArrayEquals(new int[] {3, 4, 5, 0, 1, 2}, w.inputs(new int[] {1, 0}));
    assertArrayEquals(new int[] {4, 5, 6, 1, 2, 3}, w.targets(new int[] {1, 0}));
  }

  @Test
  void refusesTextShorterThanOneWindow() {
    assertThrows(ZooException.class, () -> new TokenWindows(new int[] {1, 2}, 2));
  }
}
