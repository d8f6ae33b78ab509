package dev.zoo.api.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A heat map of a confusion matrix: rows are true classes, columns are predicted classes, each cell
 * shows its count and is shaded by the count's share of its row.
 */
public final class ConfusionMatrixPlot {

  private static final int BACKGROUND = 0xFFFFFF;
  private static final int TEXT = 0x000000;
  private static final int MUTED = 0x8C8C8C;
  private static final int GRID = 0xD6D6D6;
  private static final int BORDER = 0x404040;
  private static final int MARGIN = 16;
  private static final int BAR_GAP = 3;
  private static final String BAR_LOW = "0%";
  private static final String BAR_HIGH = "100% of row";

  /** Matplotlib's "Blues" colour map, from no share to the whole row. */
  private static final int[] BLUES = {
    0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B
  };

  private ConfusionMatrixPlot() {}

  /**
   * Draws {@code matrix}, where {@code matrix[t][p]} counts samples of true class {@code t}
   * predicted as class {@code p}, labelled with one name per class and headed by {@code title}.
   *
   * @throws IllegalArgumentException if the matrix is not square, has negative counts, or does not
   *     have one row per class name
   */
  public static BufferedImage render(int[][] matrix, List<String> classNames, String title) {
    int n = validate(matrix, classNames);
    BitmapFont font = BitmapFont.standard();
    String heading = title == null ? "" : title.strip();
    int s = n <= 20 ? 2 : 1;
    int lh = font.lineHeight(s);
    int ink = font.inkHeight(s);

    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = classNames.get(i);
      names.add(name == null || name.isBlank() ? Integer.toString(i) : name.strip());
    }
    int maxCount = 0;
    for (int[] row : matrix) {
      for (int v : row) {
        maxCount = Math.max(maxCount, v);
      }
    }
    int cell = Math.max(font.textWidth(Integer.toString(maxCount), s) + 8 * s, 3 * lh);
    boolean namedColumns = true;
    for (String name : names) {
      if (font.textWidth(name, s) > cell - 2 * s) {
        namedColumns = false;
        break;
      }
    }
    List<String> columnLabels = new ArrayList<>();
    List<String> rowLabels = new ArrayList<>();
    int indexWidth = Integer.toString(n - 1).length();
    for (int i = 0; i < n; i++) {
      String index = String.format("%" + indexWidth + "d", i);
      columnLabels.add(namedColumns ? names.get(i) : Integer.toString(i));
      rowLabels.add(namedColumns ? names.get(i) : index + " " + names.get(i));
    }
    int rowLabelW = 0;
    for (String label : rowLabels) {
      rowLabelW = Math.max(rowLabelW, font.textWidth(label, s));
    }

    int matrixW = n * cell;
    int matrixH = n * cell;
    String trueAxis = font.textWidth("True class", s) <= matrixH ? "True class" : "True";
    String predictedAxis = "Predicted class";
    int labelsX = MARGIN + lh + 4 * s;
    int matrixX = labelsX + rowLabelW + 4 * s;
    int predictedW = font.textWidth(predictedAxis, s);
    int predictedX = Math.max(MARGIN, matrixX + (matrixW - predictedW) / 2);
    int contentW = Math.max(matrixX + matrixW, predictedX + predictedW) + MARGIN;
    int barW = Math.max(20 * s, Math.min(matrixW, 60 * s + 4 * lh));
    int barTotalW =
        font.textWidth(BAR_LOW, s) + barW + font.textWidth(BAR_HIGH, s) + 2 * BAR_GAP * s;

    List<String> legend = new ArrayList<>();
    int legendEntryW = 0;
    if (!namedColumns) {
      for (int i = 0; i < n; i++) {
        String entry = i + " = " + names.get(i);
        legend.add(entry);
        legendEntryW =
            Math.max(legendEntryW, font.textWidth(entry, s) + 4 * BitmapFont.CELL_WIDTH * s);
      }
    }
    int titleScale = 2;
    int width = Math.max(contentW, font.textWidth(heading, titleScale) + 2 * MARGIN);
    width = Math.max(width, legendEntryW + 2 * MARGIN);
    width = Math.max(width, barTotalW + 2 * MARGIN);
    int barX = Math.min(matrixX, width - MARGIN - barTotalW);
    int legendPerRow = legend.isEmpty() ? 1 : Math.max(1, (width - 2 * MARGIN) / legendEntryW);
    int legendRows = (legend.size() + legendPerRow - 1) / legendPerRow;

    int y = MARGIN;
    int titleY = y;
    if (!heading.isEmpty()) {
      y += font.lineHeight(titleScale) + 3 * lh / 4;
    }
    int predictedY = y;
    y += lh + s;
    int headerY = y;
    y += lh + s;
    int matrixY = y;
    y += matrixH + 3 * lh / 2;
    int barY = y;
    y += lh + lh / 2;
    int legendY = y;
    int legendLine = lh + 3 * s;
    y += legendRows * legendLine;
    int height = y + MARGIN - (legendRows == 0 ? lh / 2 : 0);

    BufferedImage img = Pixels.blank(width, height, BACKGROUND);
    if (!heading.isEmpty()) {
      font.draw(
          img,
          heading,
          (width - font.textWidth(heading, titleScale)) / 2,
          titleY,
          TEXT,
          titleScale);
    }
    font.draw(img, predictedAxis, predictedX, predictedY, TEXT, s);
    font.drawVertical(
        img, trueAxis, MARGIN, matrixY + (matrixH - font.textWidth(trueAxis, s)) / 2, TEXT, s);

    int textOffset = (cell - ink) / 2;
    for (int t = 0; t < n; t++) {
      String label = rowLabels.get(t);
      font.draw(
          img,
          label,
          matrixX - 4 * s - font.textWidth(label, s),
          matrixY + t * cell + textOffset,
          TEXT,
          s);
      String header = columnLabels.get(t);
      font.draw(
          img,
          header,
          matrixX + t * cell + (cell - font.textWidth(header, s)) / 2,
          headerY,
          TEXT,
          s);
    }

    for (int t = 0; t < n; t++) {
      long rowSum = 0;
      for (int v : matrix[t]) {
        rowSum += v;
      }
      for (int p = 0; p < n; p++) {
        int count = matrix[t][p];
        double share = rowSum == 0 ? 0 : (double) count / rowSum;
        int colour = blues(share);
        int cx = matrixX + p * cell;
        int cy = matrixY + t * cell;
        Pixels.fillRect(img, cx, cy, cell, cell, colour);
        String text = Integer.toString(count);
        int ink2 = Pixels.luminance(colour) < 0.55 ? 0xFFFFFF : count == 0 ? MUTED : TEXT;
        font.draw(img, text, cx + (cell - font.textWidth(text, s)) / 2, cy + textOffset, ink2, s);
      }
    }
    for (int i = 1; i < n; i++) {
      Pixels.fillRect(img, matrixX + i * cell, matrixY, 1, matrixH, GRID);
      Pixels.fillRect(img, matrixX, matrixY + i * cell, matrixW, 1, GRID);
    }
    Pixels.strokeRect(img, matrixX - 1, matrixY - 1, matrixW + 2, matrixH + 2, BORDER);

    drawColourBar(img, font, s, barX, barY, barW);

    for (int i = 0; i < legend.size(); i++) {
      int lx = MARGIN + (i % legendPerRow) * legendEntryW;
      int ly = legendY + (i / legendPerRow) * legendLine;
      font.draw(img, legend.get(i), lx, ly, TEXT, s);
    }
    return img;
  }

  /**
   * Renders the plot and writes it as a PNG file; see {@link #render} and {@link Png#write}.
   *
   * @throws dev.zoo.api.common.ZooException if the file cannot be written
   */
  public static void write(Path png, int[][] matrix, List<String> classNames, String title) {
    Png.write(render(matrix, classNames, title), png);
  }

  /** Returns the fraction of all counts that lie on the diagonal, or 0 for an empty matrix. */
  public static double accuracy(int[][] matrix) {
    long total = 0;
    long correct = 0;
    for (int t = 0; t < matrix.length; t++) {
      for (int p = 0; p < matrix[t].length; p++) {
        total += matrix[t][p];
        if (t == p) {
          correct += matrix[t][p];
        }
      }
    }
    return total == 0 ? 0 : (double) correct / total;
  }

  private static void drawColourBar(
      BufferedImage img, BitmapFont font, int s, int x, int y, int barW) {
    int ink = font.inkHeight(s);
    font.draw(img, BAR_LOW, x, y, TEXT, s);
    int bx = x + font.textWidth(BAR_LOW, s) + BAR_GAP * s;
    for (int i = 0; i < barW; i++) {
      Pixels.fillRect(img, bx + i, y, 1, ink, blues(barW == 1 ? 1 : (double) i / (barW - 1)));
    }
    Pixels.strokeRect(img, bx - 1, y - 1, barW + 2, ink + 2, BORDER);
    font.draw(img, BAR_HIGH, bx + barW + BAR_GAP * s, y, TEXT, s);
  }

  private static int blues(double share) {
    double pos = Math.max(0, Math.min(1, share)) * (BLUES.length - 1);
    int i = Math.min(BLUES.length - 2, (int) Math.floor(pos));
    return Pixels.mix(BLUES[i], BLUES[i + 1], pos - i);
  }

  private static int validate(int[][] matrix, List<String> classNames) {
    if (matrix == null || matrix.length == 0) {
      throw new IllegalArgumentException("confusion matrix must have at least one class");
    }
    int n = matrix.length;
    if (classNames == null || classNames.size() != n) {
      throw new IllegalArgumentException(
          "need "
              + n
              + " class names for a "
              + n
              + "x"
              + n
              + " matrix, got "
              + (classNames == null ? 0 : classNames.size()));
    }
    for (int t = 0; t < n; t++) {
      if (matrix[t] == null || matrix[t].length != n) {
        throw new IllegalArgumentException("confusion matrix must be square; row " + t + " is not");
      }
      for (int v : matrix[t]) {
        if (v < 0) {
          throw new IllegalArgumentException("confusion matrix has a negative count in row " + t);
        }
      }
    }
    return n;
  }
}
