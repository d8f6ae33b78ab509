package dev.zoo.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The thread settings reach the process environment that native libraries read. */
class NativeThreadsTest {

  @Test
  void aDefaultIsSetOnceAndNeverOverridesWhatIsSet() {
    NativeThreads.setDefaultEnvironment("ZOO_TEST_THREADS_A", "3");
    NativeThreads.setDefaultEnvironment("ZOO_TEST_THREADS_A", "5");

    assertEquals("3", NativeThreads.environment("ZOO_TEST_THREADS_A"));
  }

  @Test
  void openMpSpinsBrieflyUnlessTheUserChoseOtherwise() {
    NativeThreads.applyOpenMp();

    String own = System.getenv("GOMP_SPINCOUNT");
    String expected =
        own != null
            ? own
            : System.getenv("OMP_WAIT_POLICY") == null ? NativeThreads.SPIN_COUNT : null;
    assertEquals(expected, NativeThreads.environment("GOMP_SPINCOUNT"));
    assertTrue(Integer.parseInt(NativeThreads.environment("OMP_NUM_THREADS")) >= 1);
  }

  @Test
  void threadsFollowTheSystemPropertyThenTheProcessors() {
    String before = System.getProperty(NativeThreads.THREADS_PROPERTY);
    try {
      System.setProperty(NativeThreads.THREADS_PROPERTY, "3");
      assertEquals(3, NativeThreads.intraOpThreads());
      System.setProperty(NativeThreads.THREADS_PROPERTY, "zero");
      assertTrue(NativeThreads.intraOpThreads() >= 1);
    } finally {
      if (before == null) {
        System.clearProperty(NativeThreads.THREADS_PROPERTY);
      } else {
        System.setProperty(NativeThreads.THREADS_PROPERTY, before);
      }
    }
  }
}
