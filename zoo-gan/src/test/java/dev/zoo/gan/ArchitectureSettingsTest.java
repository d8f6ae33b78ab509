package dev.zoo.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.zoo.api.common.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default dcgan's networks: DCGAN's layers at the sizes the default names ({@code g_channels}
 * 64, {@code d_channels} 32, batch norm in the discriminator), weights drawn from N(0, 0.02), and
 * settings outside their range refused before anything is built.
 */
class ArchitectureSettingsTest {

  private static final List<String> LABELS = List.of("a", "b");

  @Test
  void defaultDcganHasDcganLayersWithSmallNormalWeights() {
    try (ImageGenerator gan = ImageGenerator.builder().engine("pytorch").labels(LABELS).build()) {
      List<Shape> dWeights = weightShapes(gan.nets().discriminator().block().getParameters());
      assertEquals(
          List.of(new Shape(32, 1, 4, 4), new Shape(64, 32, 4, 4), new Shape(1, 64 * 7 * 7)),
          dWeights);
      assertTrue(
          gan.nets().discriminator().block().getParameters().stream()
              .anyMatch(p -> p.getValue().getType() == Parameter.Type.GAMMA),
          "batch norm in the discriminator");
      List<Shape> gWeights = weightShapes(gan.nets().generator().block().getParameters());
      assertEquals(
          List.of(new Shape(64 * 7 * 7, 100), new Shape(32, 64, 4, 4), new Shape(1, 32, 4, 4)),
          gWeights);
      for (Block block :
          List.of(gan.nets().generator().block(), gan.nets().discriminator().block())) {
        for (Pair<String, Parameter> p : block.getParameters()) {
          if (p.getValue().getType() == Parameter.Type.WEIGHT) {
            double std = std(p.getValue().getArray().toFloatArray());
            assertEquals(0.02, std, 0.004, p.getKey() + " starts with standard deviation " + std);
          }
        }
      }
    }
  }

  private static List<Shape> weightShapes(PairList<String, Parameter> parameters) {
    return parameters.stream()
        .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT)
        .map(p -> p.getValue().getArray().getShape())
        .toList();
  }

  @Test
  void refusesAnUnknownInitialisationAndAnEmptyDiscriminator() {
    assertEquals(
        "The GAN's weight_init must be normal or he, not 'xavier'.",
        refusal("weight_init", "xavier"));
    assertEquals(
        "The discriminator's d_channels must be a positive number, not 0.",
        refusal("d_channels", 0));
  }

  /** The message with which building a dcgan with {@code name} set to {@code value} fails. */
  private static String refusal(String name, Object value) {
    return assertThrows(
            InvalidSettingException.class,
            () ->
                ImageGenerator.builder()
                    .engine("pytorch")
                    .labels(LABELS)
                    .set(name, value)
                    .build()
                    .close())
        .getMessage();
  }

  private static double std(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }
}
