package dev.zoo.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BitmapFontTest {
  private static final int WHITE = 0xFFFFFF;
  private final BitmapFont font = BitmapFont.standard();

  @Test
  void drawingALetterSetsPixelsInsideItsCell() {
    BufferedImage img = Pixels.blank(20, 20, WHITE);
    font.draw(img, "A", 3, 4, 0x000000, 1);
    int inked = 0;
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        if (rgb(img, x, y) != WHITE) {
          inked++;
          assertTrue(x >= 3 && x < 3 + 5 && y >= 4 && y < 4 + 7, "ink at " + x + "," + y);
          assertEquals(0x000000, rgb(img, x, y));
        }
      }
    }
    assertTrue(inked > 10, "only " + inked + " pixels set");
  }

  @Test
  void drawingASpaceSetsNoPixels() {
    BufferedImage img = Pixels.blank(20, 20, WHITE);
    font.draw(img, "   ", 0, 0, 0x000000, 2);
    assertEquals(0, countNot(img, WHITE));
  }

  @Test
  void everyPrintableCharacterHasItsOwnVisibleGlyph() {
    Set<String> shapes = new HashSet<>();
    for (char c = 33; c < 127; c++) {
      BufferedImage img = Pixels.blank(6, 8, WHITE);
      font.draw(img, String.valueOf(c), 0, 0, 0x000000, 1);
      assertTrue(countNot(img, WHITE) > 0, "glyph for '" + c + "' is empty");
      shapes.add(bitmap(img));
    }
    assertEquals(94, shapes.size());
  }

  @Test
  void scaleMultipliesEveryInkPixel() {
    BufferedImage one = Pixels.blank(40, 40, WHITE);
    BufferedImage three = Pixels.blank(40, 40, WHITE);
    font.draw(one, "%8", 0, 0, 0x000000, 1);
    font.draw(three, "%8", 0, 0, 0x000000, 3);
    assertEquals(9 * countNot(one, WHITE), countNot(three, WHITE));
  }

  @Test
  void sizesFollowTheSixByEightCell() {
    assertEquals(0, font.textWidth("", 2));
    assertEquals(5, font.textWidth("x", 1));
    assertEquals(11, font.textWidth("AB", 1));
    assertEquals(33, font.textWidth("AB", 3));
    assertEquals(24, font.lineHeight(3));
    assertEquals(14, font.inkHeight(2));
  }

  @Test
  void inkStaysWithinTextWidth() {
    String text = "W0W";
    BufferedImage img = Pixels.blank(60, 20, WHITE);
    font.draw(img, text, 0, 0, 0x000000, 2);
    int width = font.textWidth(text, 2);
    int rightmost = -1;
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 60; x++) {
        if (rgb(img, x, y) != WHITE) {
          rightmost = Math.max(rightmost, x);
        }
      }
    }
    assertEquals(width - 1, rightmost);
  }

  @Test
  void unknownCharacterIsDrawnAsAHollowBox() {
    BufferedImage img = Pixels.blank(6, 8, WHITE);
    font.draw(img, "\u4E2D", 0, 0, 0x000000, 1);
    assertEquals(0x000000, rgb(img, 0, 0));
    assertEquals(0x000000, rgb(img, 4, 0));
    assertEquals(0x000000, rgb(img, 0, 6));
    assertEquals(0x000000, rgb(img, 4, 6));
    assertEquals(WHITE, rgb(img, 2, 3));
  }

  @Test
  void emDashIsDrawnLikeAHyphen() {
    BufferedImage dash = Pixels.blank(6, 8, WHITE);
    BufferedImage hyphen = Pixels.blank(6, 8, WHITE);
    font.draw(dash, "\u2014", 0, 0, 0x000000, 1);
    font.draw(hyphen, "-", 0, 0, 0x000000, 1);
    assertEquals(bitmap(hyphen), bitmap(dash));
  }

  @Test
  void drawingPartlyOutsideTheImageIsClipped() {
    BufferedImage img = Pixels.blank(10, 10, WHITE);
    font.draw(img, "Hello", -4, -3, 0xFF0000, 2);
    font.draw(img, "Hello", 6, 7, 0xFF0000, 2);
    assertTrue(countNot(img, WHITE) > 0);
  }

  @Test
  void verticalTextFillsATallNarrowBox() {
    String text = "Loss";
    BufferedImage img = Pixels.blank(40, 60, WHITE);
    font.drawVertical(img, text, 5, 5, 0x000000, 1);
    int height = font.textWidth(text, 1);
    int minY = Integer.MAX_VALUE;
    int maxY = -1;
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 40; x++) {
        if (rgb(img, x, y) != WHITE) {
          assertTrue(x >= 5 && x < 5 + font.lineHeight(1), "ink at x=" + x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    assertEquals(5, minY);
    assertEquals(5 + height - 1, maxY);
  }

  @Test
  void truncateShortensOnlyWhatDoesNotFit() {
    assertEquals("Bag 97%", font.truncate("Bag 97%", 84, 1));
    String cut = font.truncate("Ankle boot 97% and more", 60, 1);
    assertTrue(cut.endsWith(".."), cut);
    assertTrue(font.textWidth(cut, 1) <= 60, cut);
    assertFalse(cut.isEmpty());
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xFFFFFF;
  }

  private static int countNot(BufferedImage img, int colour) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (rgb(img, x, y) != colour) {
          n++;
        }
      }
    }
    return n;
  }

  private static String bitmap(BufferedImage img) {
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        sb.append(rgb(img, x, y) == WHITE ? '.' : '#');
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
