package dev.zoo.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import org.junit.jupiter.api.Test;

/** Temperature, top-k and top-p sampling, and its seed. */
class TokenSamplerTest {

  private static final float[] LOGITS = {2f, 1f, 0.5f, -1f};

  @Test
  void sameSeedSameSequence() {
    TokenSampler a = new TokenSampler(1, 0, 1, 7);
    TokenSampler b = new TokenSampler(1, 0, 1, 7);
    for (int i = 0; i < 50; i++) {
      assertEquals(a.sample(LOGITS), b.sample(LOGITS));
    }
  }

  @Test
  void topKAndTopPRestrictTheChoices() {
    TokenSampler k = new TokenSampler(1, 2, 1, 1);
    TokenSampler p = new TokenSampler(1, 0, 0.5, 1);
    int[] seen = new int[4];
    for (int i = 0; i < 2000; i++) {
      seen[k.sample(LOGITS)]++;
      assertEquals(0, p.sample(LOGITS)); // token 0 alone holds over half the mass
    }
    assertTrue(seen[0] > 0 && seen[1] > 0);
    assertEquals(0, seen[2] + seen[3]);
  }

  @Test
  void lowTemperatureIsNearlyGreedy() {
    TokenSampler cold = new TokenSampler(0.05, 0, 1, 3);
    int zeros = 0;
    for (int i = 0; i < 500; i++) {
      zeros += cold.sample(LOGITS) == 0 ? 1 : 0;
    }
    assertEquals(500, zeros);
  }

  @Test
  void refusesBadSettings() {
    assertThrows(ZooException.class, () -> new TokenSampler(0, 0, 1, 1));
    assertThrows(ZooException.class, () -> new TokenSampler(1, -1, 1, 1));
    assertThrows(ZooException.class, () -> new TokenSampler(1, 0, 1.5, 1));
  }
}
