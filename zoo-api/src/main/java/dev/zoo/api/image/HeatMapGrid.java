package dev.zoo.api.image;

import dev.zoo.api.common.ZooException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Square heat maps side by side, one per panel (e.g. one per attention head), sharing the labels of
 * their rows and columns (e.g. the tokens of a prompt). Values are expected in [0, 1] and drawn
 * from white to dark blue; the square root spreads the small values, which are the most common.
 */
public final class HeatMapGrid {

  private static final int BACKGROUND = 0xFFFFFF;
  private static final int TEXT = 0x000000;
  private static final int BORDER = 0x404040;
  private static final int MARGIN = 12;
  private static final int GAP = 24;
  private static final int COLUMNS = 2;

  private HeatMapGrid() {}

  /**
   * Draws the panels.
   *
   * @param title the line above all panels
   * @param labels one label per row and column, e.g. one per token
   * @param panels square matrices of {@code labels.size()} rows, values in [0, 1]
   * @param panelTitles one title per panel
   */
  public static BufferedImage render(
      String title, List<String> labels, List<float[][]> panels, List<String> panelTitles) {
    int n = labels.size();
    if (n == 0 || panels.isEmpty() || panels.size() != panelTitles.size()) {
      throw new IllegalArgumentException("labels, panels and titles do not match");
    }
    for (float[][] panel : panels) {
      if (panel.length != n || panel[0].length != n) {
        throw new IllegalArgumentException("a panel is not " + n + "x" + n);
      }
    }
    BitmapFont font = BitmapFont.standard();
    int lh = font.lineHeight(1);
    int cell = Math.max(BitmapFont.CELL_WIDTH + 4, 480 / Math.max(n, 1));
    cell = Math.min(cell, 24);
    int labelW = 0;
    for (String label : labels) {
      labelW = Math.max(labelW, font.textWidth(shown(label), 1));
    }
    int panelW = labelW + 4 + n * cell;
    int panelH = lh + 4 + lh + 4 + n * cell;
    int columns = Math.min(COLUMNS, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    int width = 2 * MARGIN + columns * panelW + (columns - 1) * GAP;
    width = Math.max(width, 2 * MARGIN + font.textWidth(title, 1));
    int height = 2 * MARGIN + lh + 8 + rows * panelH + (rows - 1) * GAP;
    BufferedImage img = Pixels.blank(width, height, BACKGROUND);
    font.draw(img, title, MARGIN, MARGIN, TEXT, 1);
    for (int p = 0; p < panels.size(); p++) {
      int x0 = MARGIN + (p % columns) * (panelW + GAP);
      int y0 = MARGIN + lh + 8 + (p / columns) * (panelH + GAP);
      drawPanel(img, font, x0, y0, labelW, cell, labels, panels.get(p), panelTitles.get(p));
    }
    return img;
  }

  /** Draws the panels into a PNG file. */
  public static void write(
      Path png,
      String title,
      List<String> labels,
      List<float[][]> panels,
      List<String> panelTitles) {
    if (png.getFileName() == null || !png.getFileName().toString().endsWith(".png")) {
      throw new ZooException("The picture must be a .png file, not " + png + ".");
    }
    Png.write(render(title, labels, panels, panelTitles), png);
  }

  private static void drawPanel(
      BufferedImage img,
      BitmapFont font,
      int x0,
      int y0,
      int labelW,
      int cell,
      List<String> labels,
      float[][] values,
      String panelTitle) {
    int lh = font.lineHeight(1);
    int n = labels.size();
    int gridX = x0 + labelW + 4;
    int gridY = y0 + 2 * lh + 8;
    font.draw(img, panelTitle, x0, y0, TEXT, 1);
    for (int j = 0; j < n; j++) {
      String column = shown(labels.get(j));
      String first = column.isEmpty() ? "" : column.substring(0, 1);
      font.draw(
          img, first, gridX + j * cell + (cell - BitmapFont.CELL_WIDTH) / 2, y0 + lh + 4, TEXT, 1);
    }
    for (int i = 0; i < n; i++) {
      String row = shown(labels.get(i));
      font.draw(
          img,
          row,
          x0 + labelW - font.textWidth(row, 1),
          gridY + i * cell + (cell - lh) / 2,
          TEXT,
          1);
      for (int j = 0; j < n; j++) {
        Pixels.fillRect(img, gridX + j * cell, gridY + i * cell, cell, cell, blue(values[i][j]));
      }
    }
    Pixels.strokeRect(img, gridX - 1, gridY - 1, n * cell + 2, n * cell + 2, BORDER);
  }

  /** Whitespace made visible in the bitmap font's ASCII. */
  private static String shown(String label) {
    return label.replace(' ', '_').replace('\n', '/').replace('\t', '>');
  }

  private static int blue(float value) {
    return Pixels.mix(0xFFFFFF, 0x08306B, Math.sqrt(Math.max(0, Math.min(1, value))));
  }
}
