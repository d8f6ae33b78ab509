package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.FamilyOption;
import dev.zoo.api.ModelFamily;
import dev.zoo.api.Task;
import dev.zoo.api.Variant;
import dev.zoo.api.Zoo;
import dev.zoo.api.engine.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family is found on the class path and describes itself without loading an engine. */
class DiscoveryTest {

  @Test
  void zooFindsTheFamilyWithDcganAsDefault() {
    ModelFamily family = Zoo.discover().family("gan");
    assertInstanceOf(GanFamily.class, family);
    for (Variant v : family.variants()) {
      assertEquals(Task.IMAGE_GENERATION, v.task(), v.name());
    }
    assertEquals("dcgan", family.defaultVariant().name());
    Variant dcgan = family.variant("dcgan");
    assertEquals(2e-4, dcgan.defaults().getDouble("learning_rate"), 1e-12);
    assertEquals(0.5, dcgan.defaults().getDouble("beta1"), 1e-12);
    assertTrue(family.needs("dcgan").contains(Op.TRAINING));
    assertTrue(family.needs("dcgan").contains(Op.BATCH_NORM));
    assertEquals("adam", dcgan.defaults().get("optimizer"));
    assertEquals("rmsprop", family.variant("wgan").defaults().get("optimizer"));
    assertEquals(Map.of("latent", "latent_dim"), family.renamedHyperparameters());
    assertEquals(
        List.of("class", "count", "format"),
        family.options().stream().map(FamilyOption::key).toList());
    assertTrue(family.options().stream().allMatch(o -> o.appliesTo("generate")));
  }
}
