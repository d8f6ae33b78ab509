package dev.zoo.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps each backend's declared offers equal to what its loaded engine really runs. */
class OpProbeTest {

  private static void assertHonest(EngineBackend backend) {
    assertTrue(backend.isAvailable(), backend.unavailableReason());
    Set<Op> measured = OpProbe.probe(backend.load());
    Set<Op> declared = backend.declaredOffers().ops();
    EnumSet<Op> declaredButMissing = EnumSet.copyOf(declared);
    declaredButMissing.removeAll(measured);
    EnumSet<Op> workingButUndeclared = EnumSet.copyOf(measured);
    workingButUndeclared.removeAll(declared);
    assertEquals(
        declared,
        measured,
        backend.name()
            + " declares but lacks "
            + declaredButMissing
            + "; runs but does not declare "
            + workingButUndeclared);
  }

  @Test
  void pytorchDeclaresWhatItRuns() {
    assertHonest(new PyTorchBackend());
  }

  @Test
  void mxnetDeclaresWhatItRuns() {
    assertHonest(new MxNetBackend());
  }
}
