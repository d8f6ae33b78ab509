package dev.zoo.api.image;

import java.awt.image.BufferedImage;

/**
 * A 5x7 pixel font for printable ASCII (32 to 126) that draws straight into a {@link
 * BufferedImage}, so text renders on headless machines without any installed fonts.
 *
 * <p>Each glyph sits in a 6x8 cell: five columns of ink plus one column of spacing, seven rows of
 * ink plus one row of spacing that only the descenders of g, j, p, q, y and the comma reach into.
 * Every size is multiplied by an integer {@code scale}. A few common typographic characters
 * (dashes, curly quotes, the multiplication sign, the no-break space) are drawn as their ASCII
 * look-alikes; any other character is drawn as a hollow box.
 */
public final class BitmapFont {

  /** Width of a glyph cell at scale 1, spacing column included. */
  public static final int CELL_WIDTH = 6;

  /** Height of a glyph cell at scale 1, spacing row included. */
  public static final int CELL_HEIGHT = 8;

  /** Width of a glyph's ink at scale 1. */
  public static final int GLYPH_WIDTH = 5;

  /** Height of a glyph's ink at scale 1. */
  public static final int GLYPH_HEIGHT = 7;

  private static final BitmapFont STANDARD = new BitmapFont();

  private static final int FIRST = 32;

  private static final String BOX = "1F11111111111F";

  /** Seven or eight rows per glyph, two hex digits per row, bit 4 is the leftmost column. */
  private static final String[] GLYPHS = {
    "00000000000000", // space
    "04040404000004", // !
    "0A0A0A00000000", // "
    "0A0A1F0A1F0A0A", // #
    "040F140E051E04", // $
    "18190204081303", // %
    "0C12140815120D", // &
    "04040800000000", // '
    "02040808080402", // (
    "08040202020408", // )
    "0004150E150400", // *
    "0004041F040400", // +
    "00000000000C0408", // ,
    "0000001F000000", // -
    "00000000000C0C", // .
    "00010204081000", // /
    "0E11131519110E", // 0
    "040C040404040E", // 1
    "0E11010204081F", // 2
    "1F02040201110E", // 3
    "02060A121F0202", // 4
    "1F101E0101110E", // 5
    "0608101E11110E", // 6
    "1F010204080808", // 7
    "0E11110E11110E", // 8
    "0E11110F01020C", // 9
    "000C0C000C0C00", // :
    "000C0C000C0408", // ;
    "02040810080402", // <
    "00001F001F0000", // =
    "08040201020408", // >
    "0E110102040004", // ?
    "0E11010D15150E", // @
    "0E1111111F1111", // A
    "1E11111E11111E", // B
    "0E11101010110E", // C
    "1C12111111121C", // D
    "1F10101E10101F", // E
    "1F10101E101010", // F
    "0E11101711110F", // G
    "1111111F111111", // H
    "0E04040404040E", // I
    "0702020202120C", // J
    "11121418141211", // K
    "1010101010101F", // L
    "111B1515111111", // M
    "11111915131111", // N
    "0E11111111110E", // O
    "1E11111E101010", // P
    "0E11111115120D", // Q
    "1E11111E141211", // R
    "0F10100E01011E", // S
    "1F040404040404", // T
    "1111111111110E", // U
    "11111111110A04", // V
    "1111111515150A", // W
    "11110A040A1111", // X
    "1111110A040404", // Y
    "1F01020408101F", // Z
    "0E08080808080E", // [
    "00100804020100", // backslash
    "0E02020202020E", // ]
    "040A1100000000", // ^
    "0000000000001F", // _
    "08040200000000", // `
    "00000E010F110F", // a
    "1010161911111E", // b
    "00000E1010110E", // c
    "01010D1311110F", // d
    "00000E111F100E", // e
    "0609081C080808", // f
    "00000F11110F010E", // g
    "10101619111111", // h
    "04000C0404040E", // i
    "020006020202120C", // j
    "10101214181412", // k
    "0C04040404040E", // l
    "00001A15151111", // m
    "00001619111111", // n
    "00000E1111110E", // o
    "00001E11111E1010", // p
    "00000F11110F0101", // q
    "00001619101010", // r
    "00000E100E011E", // s
    "08081C08080906", // t
    "0000111111130D", // u
    "00001111110A04", // v
    "0000111115150A", // w
    "0000110A040A11", // x
    "00001111110F010E", // y
    "00001F0204081F", // z
    "02040408040402", // {
    "04040404040404", // |
    "08040402040408", // }
    "00000815020000", // ~
  };

  private static final int[][] ROWS = decode();

  private BitmapFont() {}

  /** Returns the shared font instance. */
  public static BitmapFont standard() {
    return STANDARD;
  }

  /**
   * Returns the width in pixels of the ink of {@code s}, from the first glyph's left edge to the
   * last glyph's right edge; 0 for an empty string.
   */
  public int textWidth(String s, int scale) {
    checkScale(scale);
    int n = s.codePointCount(0, s.length());
    return n == 0 ? 0 : (n * CELL_WIDTH - 1) * scale;
  }

  /** Returns the height of one line of text in pixels, spacing row included. */
  public int lineHeight(int scale) {
    checkScale(scale);
    return CELL_HEIGHT * scale;
  }

  /** Returns the height of capital letters and digits in pixels; descenders reach one row lower. */
  public int inkHeight(int scale) {
    checkScale(scale);
    return GLYPH_HEIGHT * scale;
  }

  /**
   * Returns {@code s} if it fits into {@code maxWidth} pixels, otherwise its longest prefix that
   * fits together with a trailing {@code ".."}; as many dots as fit if not even one character does.
   */
  public String truncate(String s, int maxWidth, int scale) {
    if (textWidth(s, scale) <= maxWidth) {
      return s;
    }
    int[] cps = s.codePoints().toArray();
    for (int n = cps.length - 1; n > 0; n--) {
      String candidate = new String(cps, 0, n).stripTrailing() + "..";
      if (textWidth(candidate, scale) <= maxWidth) {
        return candidate;
      }
    }
    int dots = Math.max(0, (maxWidth / scale + 1) / CELL_WIDTH);
    return ".".repeat(Math.min(2, dots));
  }

  /**
   * Draws {@code s} with its top-left corner at ({@code x}, {@code y}) in colour {@code rgb}
   * (0xRRGGBB, drawn opaque); pixels outside the image are skipped.
   */
  public void draw(BufferedImage img, String s, int x, int y, int rgb, int scale) {
    checkScale(scale);
    int argb = 0xFF000000 | rgb;
    eachInk(
        s,
        scale,
        (advance, gx, gy) -> fill(img, x + advance + gx * scale, y + gy * scale, scale, argb));
  }

  /**
   * Draws {@code s} turned a quarter turn anticlockwise, so that it reads from bottom to top; the
   * ink occupies {@code lineHeight(scale)} columns and {@code textWidth(s, scale)} rows starting at
   * the top-left corner ({@code x}, {@code y}).
   */
  public void drawVertical(BufferedImage img, String s, int x, int y, int rgb, int scale) {
    checkScale(scale);
    int argb = 0xFF000000 | rgb;
    int bottom = y + textWidth(s, scale) - scale;
    eachInk(
        s,
        scale,
        (advance, gx, gy) -> fill(img, x + gy * scale, bottom - advance - gx * scale, scale, argb));
  }

  /** Where one ink pixel of a string lies. */
  @FunctionalInterface
  private interface Ink {
    /**
     * @param advance how far the character's cell lies along the line, in image pixels
     * @param gx the pixel's column in the glyph
     * @param gy the pixel's row in the glyph
     */
    void at(int advance, int gx, int gy);
  }

  /** Hands every ink pixel of {@code s}, drawn at {@code scale}, to {@code ink}, in order. */
  private void eachInk(String s, int scale, Ink ink) {
    int advance = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int[] rows = glyph(cp);
      for (int gy = 0; gy < CELL_HEIGHT; gy++) {
        for (int gx = 0; gx < GLYPH_WIDTH; gx++) {
          if ((rows[gy] & (0x10 >> gx)) != 0) {
            ink.at(advance, gx, gy);
          }
        }
      }
      advance += CELL_WIDTH * scale;
    }
  }

  private static void fill(BufferedImage img, int x0, int y0, int size, int argb) {
    int x1 = Math.min(img.getWidth(), x0 + size);
    int y1 = Math.min(img.getHeight(), y0 + size);
    for (int yy = Math.max(0, y0); yy < y1; yy++) {
      for (int xx = Math.max(0, x0); xx < x1; xx++) {
        img.setRGB(xx, yy, argb);
      }
    }
  }

  private static int[] glyph(int cp) {
    int c = substitute(cp);
    if (c >= FIRST && c < FIRST + ROWS.length - 1) {
      return ROWS[c - FIRST];
    }
    return ROWS[ROWS.length - 1];
  }

  private static int substitute(int cp) {
    switch (cp) {
      case 0x00A0:
        return ' ';
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2212:
        return '-';
      case 0x2018:
      case 0x2019:
        return '\'';
      case 0x201C:
      case 0x201D:
        return '"';
      case 0x00D7:
        return 'x';
      default:
        return cp;
    }
  }

  private static int[][] decode() {
    int[][] rows = new int[GLYPHS.length + 1][];
    for (int i = 0; i <= GLYPHS.length; i++) {
      String hex = i < GLYPHS.length ? GLYPHS[i] : BOX;
      rows[i] = new int[CELL_HEIGHT];
      for (int r = 0; r < hex.length() / 2; r++) {
        rows[i][r] = Integer.parseInt(hex.substring(2 * r, 2 * r + 2), 16);
      }
    }
    return rows;
  }

  private static void checkScale(int scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
  }
}
