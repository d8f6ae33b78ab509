package dev.zoo.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class HyperparametersTest {

  public static Hyperparameters defaults() {
    return Hyperparameters.builder()
        .put("epochs", 5)
        .put("batch_size", 64)
        .put("learning_rate", 0.001)
        .put("dropout", 0.25)
        .put("augment", true)
        .put("activation", "relu")
        .build();
  }

  @Test
  void typedGettersReadTheValues() {
    Hyperparameters hp = defaults();

    assertEquals(5, hp.getInt("epochs"));
    assertEquals(0.001, hp.getDouble("learning_rate"));
    assertEquals(64.0, hp.getDouble("batch_size"));
    assertTrue(hp.getBoolean("augment"));
    assertEquals("relu", hp.get("activation"));
    assertTrue(hp.has("dropout"));
    assertFalse(hp.has("momentum"));
    assertEquals(
        List.of("epochs", "batch_size", "learning_rate", "dropout", "augment", "activation"),
        List.copyOf(hp.asMap().keySet()),
        "definition order is kept");
    assertEquals(
        "epochs=5, batch_size=64, learning_rate=0.001, dropout=0.25, augment=true,"
            + " activation=relu",
        hp.toString());
  }

  @Test
  void gettersRefuseMissingNamesAndWrongTypes() {
    Hyperparameters hp = defaults();

    ZooException missing = assertThrows(ZooException.class, () -> hp.getInt("momentum"));
    ZooException notInt = assertThrows(ZooException.class, () -> hp.getInt("activation"));
    ZooException notNumber = assertThrows(ZooException.class, () -> hp.getDouble("activation"));

    assertEquals("Missing hyper-parameter 'momentum'.", missing.getMessage());
    assertTrue(
        notInt.getMessage().contains("'activation' must be an integer"), notInt.getMessage());
    assertTrue(
        notNumber.getMessage().contains("'activation' must be a number, not 'relu'"),
        notNumber.getMessage());
  }

  @Test
  void withAppliesOverridesAndKeepsTheOriginal() {
    Hyperparameters hp = defaults();

    Hyperparameters changed =
        hp.with(Map.of("epochs", "2", "learning_rate", "1e-4", "augment", "false"));

    assertEquals(2, changed.getInt("epochs"));
    assertEquals(1e-4, changed.getDouble("learning_rate"));
    assertFalse(changed.getBoolean("augment"));
    assertEquals(64, changed.getInt("batch_size"));
    assertEquals(5, hp.getInt("epochs"), "the original is unchanged");
    assertNotEquals(hp, changed);
    assertEquals(hp, hp.with(Map.of()));
    assertEquals(hp.hashCode(), Hyperparameters.of(hp.asMap()).hashCode());
  }

  @Test
  void withRefusesUnknownNamesListingTheKnownOnes() {
    ZooException e = assertThrows(ZooException.class, () -> defaults().with(Map.of("epoch", "3")));

    assertTrue(e.getMessage().startsWith("Unknown hyper-parameter 'epoch'"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("known: epochs, batch_size, learning_rate, dropout, augment, activation"),
        e.getMessage());
  }

  @Test
  void withChecksTypesAgainstTheDefaults() {
    Hyperparameters hp = defaults();

    ZooException notInt = assertThrows(ZooException.class, () -> hp.with(Map.of("epochs", "abc")));
    ZooException fraction =
        assertThrows(ZooException.class, () -> hp.with(Map.of("batch_size", "2.5")));
    ZooException notNumber =
        assertThrows(ZooException.class, () -> hp.with(Map.of("dropout", "half")));
    ZooException notBoolean =
        assertThrows(ZooException.class, () -> hp.with(Map.of("augment", "yes")));

    assertEquals("Hyper-parameter 'epochs' must be an integer, not 'abc'.", notInt.getMessage());
    assertTrue(fraction.getMessage().contains("'batch_size' must be an integer"));
    assertTrue(notNumber.getMessage().contains("'dropout' must be a number, not 'half'"));
    assertEquals(
        "Hyper-parameter 'augment' must be true or false, not 'yes'.", notBoolean.getMessage());
    // A string default takes any text.
    assertEquals("gelu", hp.with(Map.of("activation", "gelu")).get("activation"));
  }

  @Test
  void isImmutable() {
    Hyperparameters hp = defaults();

    assertThrows(UnsupportedOperationException.class, () -> hp.asMap().put("epochs", "1"));
  }
}
