package dev.zoo.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.engine.EngineBackend;
import dev.zoo.api.engine.Engines;
import dev.zoo.api.engine.Op;
import dev.zoo.api.engine.OpProbe;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What every engine module's tests check of its backend: that its jar registers it, that it is
 * available without loading anything, and that its declared offers are what {@link OpProbe}
 * measures on the loaded engine.
 */
public final class BackendContract {

  private BackendContract() {}

  /**
   * The one backend {@link java.util.ServiceLoader} finds on the module's test class path (its own
   * jar and zoo-api, which registers none), checked to be of {@code type} and available.
   */
  public static EngineBackend discovered(Class<? extends EngineBackend> type) {
    List<EngineBackend> found = Engines.discover(BackendContract.class.getClassLoader());
    assertEquals(
        List.of(type.getName()),
        found.stream().map(b -> b.getClass().getName()).toList(),
        "the module's META-INF/services file registers its backend, and only it");
    EngineBackend backend = found.get(0);
    assertTrue(backend.isAvailable(), backend.unavailableReason());
    assertEquals("", backend.unavailableReason());
    return backend;
  }

  /** Loads the backend's engine and asserts that it runs exactly the operations it declares. */
  public static void assertDeclaresWhatItRuns(EngineBackend backend) {
    assertTrue(backend.isAvailable(), backend.unavailableReason());
    Set<Op> measured = OpProbe.probe(backend.load());
    Set<Op> declared = backend.declaredOffers().ops();
    EnumSet<Op> declaredButMissing = EnumSet.noneOf(Op.class);
    declaredButMissing.addAll(declared);
    declaredButMissing.removeAll(measured);
    EnumSet<Op> workingButUndeclared = EnumSet.noneOf(Op.class);
    workingButUndeclared.addAll(measured);
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
}
