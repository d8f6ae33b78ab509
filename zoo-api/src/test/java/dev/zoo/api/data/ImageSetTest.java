package dev.zoo.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zoo.api.common.ZooException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
  private static final List<String> NAMES = List.of("zero", "one");

  private static ImageSet threeImages() {
    float[] pixels = {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f, 0.5f};
    return ImageSet.of(pixels, new int[] {0, 1, 1}, NAMES, 2, 2);
  }

  @Test
  void exposesImagesAndLabels() {
    ImageSet set = threeImages();

    assertEquals(3, set.size());
    assertEquals(2, set.numClasses());
    assertEquals(1, set.label(2));
    assertArrayEquals(new float[] {0.4f, 0.5f, 0.6f, 0.7f}, set.image(1));
    float[] batch = new float[9];
    set.copyImage(2, batch, 5);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0.8f, 0.9f, 1f, 0.5f}, batch);
  }

  @Test
  void isImmutable() {
    float[] pixels = {0.5f, 0.5f, 0.5f, 0.5f};
    int[] labels = {1};
    ImageSet set = ImageSet.of(pixels, labels, NAMES, 2, 2);

    pixels[0] = 0f;
    labels[0] = 0;
    set.labels()[0] = 0;
    set.image(0)[0] = 0f;

    assertEquals(1, set.label(0));
    assertEquals(0.5f, set.image(0)[0]);
    assertThrows(UnsupportedOperationException.class, () -> set.classNames().add("two"));
  }

  @Test
  void subsetsAndFirst() {
    ImageSet set = threeImages();

    ImageSet sub = set.subset(new int[] {2, 0, 2});
    ImageSet first = set.first(2);

    assertArrayEquals(new int[] {1, 0, 1}, sub.labels());
    assertArrayEquals(set.image(2), sub.image(0));
    assertArrayEquals(set.image(0), sub.image(1));
    assertEquals(2, first.size());
    assertArrayEquals(set.image(1), first.image(1));
    assertSame(set, set.first(10));
    assertThrows(IndexOutOfBoundsException.class, () -> set.subset(new int[] {3}));
  }

  @Test
  void validatesInput() {
    ZooException length =
        assertThrows(
            ZooException.class, () -> ImageSet.of(new float[7], new int[] {0, 1}, NAMES, 2, 2));
    ZooException label =
        assertThrows(
            ZooException.class, () -> ImageSet.of(new float[4], new int[] {2}, NAMES, 2, 2));
    ZooException pixel =
        assertThrows(
            ZooException.class,
            () -> ImageSet.of(new float[] {0f, 0f, 1.5f, 0f}, new int[] {0}, NAMES, 2, 2));
    ZooException names =
        assertThrows(
            ZooException.class,
            () -> ImageSet.of(new float[4], new int[] {0}, List.of("a", "a"), 2, 2));

    assertTrue(length.getMessage().contains("needs 8 pixel values, not 7"), length.getMessage());
    assertEquals("Label 2 of image 0 is outside the 2 classes.", label.getMessage());
    assertTrue(pixel.getMessage().startsWith("Pixel 2 of image 0 has value 1.5"));
    assertTrue(names.getMessage().contains("duplicates"), names.getMessage());
  }
}
