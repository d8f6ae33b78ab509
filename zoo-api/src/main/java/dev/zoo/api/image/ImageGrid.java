package dev.zoo.api.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PNG grid of grey-scale images, each with an optional coloured caption underneath and an
 * optional title line above the grid.
 *
 * <pre>{@code
 * BufferedImage grid = ImageGrid.builder(28, 28)
 *     .columns(8)
 *     .title("Test samples")
 *     .add(pixels, "Ankle boot 97%", ImageGrid.GREEN)
 *     .build();
 * }</pre>
 */
public final class ImageGrid {

  /** Default number of columns. */
  public static final int DEFAULT_COLUMNS = 8;

  /** Default upscale factor: a 28x28 image is shown as 84x84 pixels. */
  public static final int DEFAULT_SCALE = 3;

  /** Default space in pixels between cells and around the grid. */
  public static final int DEFAULT_GAP = 6;

  /** Default caption colour. */
  public static final int BLACK = 0x000000;

  /** Caption colour for a correct prediction. */
  public static final int GREEN = 0x007A00;

  /** Caption colour for a wrong prediction. */
  public static final int RED = 0xCC0000;

  private static final int BACKGROUND = 0xFFFFFF;
  private static final int FRAME = 0xB4B4B4;
  private static final int TITLE_COLOUR = 0x000000;
  private static final int MAX_CAPTION_LINES = 2;
  private static final int CAPTION_PAD = 3;
  private static final int MIN_MARGIN = 4;

  private ImageGrid() {}

  /**
   * Starts a grid of images that are {@code height} rows by {@code width} columns each, given in
   * row-major order.
   */
  public static Builder builder(int height, int width) {
    return new Builder(height, width);
  }

  /** Collects images and layout options for one grid. */
  public static final class Builder {
    private final BitmapFont font = BitmapFont.standard();
    private final int height;
    private final int width;
    private final List<Cell> cells = new ArrayList<>();
    private int columns = DEFAULT_COLUMNS;
    private int scale = DEFAULT_SCALE;
    private int gap = DEFAULT_GAP;
    private float low = 0f;
    private float high = 1f;
    private String title = "";

    private Builder(int height, int width) {
      if (height < 1 || width < 1) {
        throw new IllegalArgumentException(
            "image size must be positive, got " + height + "x" + width);
      }
      this.height = height;
      this.width = width;
    }

    /** Sets the maximum number of images per row; fewer are used if there are fewer images. */
    public Builder columns(int columns) {
      if (columns < 1) {
        throw new IllegalArgumentException("columns must be at least 1, got " + columns);
      }
      this.columns = columns;
      return this;
    }

    /** Sets the integer factor by which every image pixel is enlarged. */
    public Builder scale(int scale) {
      if (scale < 1) {
        throw new IllegalArgumentException("scale must be at least 1, got " + scale);
      }
      this.scale = scale;
      return this;
    }

    /** Sets the space in pixels between cells and around the grid; 0 packs images edge to edge. */
    public Builder gap(int gap) {
      if (gap < 0) {
        throw new IllegalArgumentException("gap must not be negative, got " + gap);
      }
      this.gap = gap;
      return this;
    }

    /** Sets the value shown as black ({@code low}) and as white ({@code high}); default 0 to 1. */
    public Builder range(float low, float high) {
      if (!(low < high) || !Float.isFinite(low) || !Float.isFinite(high)) {
        throw new IllegalArgumentException("need finite low < high, got " + low + ", " + high);
      }
      this.low = low;
      this.high = high;
      return this;
    }

    /** Maps pixel values from [-1, 1] instead of [0, 1]. */
    public Builder signed() {
      return range(-1f, 1f);
    }

    /** Sets a title drawn centred above the grid; null or blank for none. */
    public Builder title(String title) {
      this.title = title == null ? "" : title.strip();
      return this;
    }

    /** Adds an image without a caption. */
    public Builder add(float[] pixels) {
      return add(pixels, null, BLACK);
    }

    /** Adds an image with a black caption. */
    public Builder add(float[] pixels, String caption) {
      return add(pixels, caption, BLACK);
    }

    /** Adds an image with a caption in colour {@code rgb} (0xRRGGBB). */
    public Builder add(float[] pixels, String caption, int rgb) {
      if (pixels.length != height * width) {
        throw new IllegalArgumentException(
            "expected "
                + height * width
                + " values for a "
                + height
                + "x"
                + width
                + " image, got "
                + pixels.length);
      }
      cells.add(new Cell(pixels.clone(), caption == null ? "" : caption.strip(), rgb));
      return this;
    }

    /** Adds several images without captions. */
    public Builder addAll(List<float[]> images) {
      for (float[] image : images) {
        add(image);
      }
      return this;
    }

    /** Returns the number of images added so far. */
    public int size() {
      return cells.size();
    }

    /** Draws the grid. */
    public BufferedImage build() {
      int n = cells.size();
      int cols = Math.max(1, Math.min(columns, n));
      int rows = (n + cols - 1) / cols;
      int cellW = width * scale;
      int cellH = height * scale;

      int captionScale = captionScale(cellW);
      List<List<String>> captions = new ArrayList<>();
      int captionLines = 0;
      for (Cell cell : cells) {
        List<String> lines = wrap(cell.caption(), cellW, captionScale);
        captions.add(lines);
        captionLines = Math.max(captionLines, lines.size());
      }
      int captionAdvance = font.lineHeight(captionScale) + captionScale;
      int captionH =
          captionLines == 0 ? 0 : CAPTION_PAD + captionLines * captionAdvance - captionScale;
      int slotH = cellH + captionH;

      int gridW = cols * cellW + (cols + 1) * gap;
      int gridH = rows * slotH + (rows + 1) * gap;
      int margin = Math.max(gap, MIN_MARGIN);
      int titleScale = 2;
      int titleH = 0;
      if (!title.isEmpty()) {
        if (font.textWidth(title, titleScale) > gridW - 2 * margin) {
          titleScale = 1;
        }
        titleH = margin + font.lineHeight(titleScale);
      }
      int totalW =
          Math.max(gridW, title.isEmpty() ? 0 : font.textWidth(title, titleScale) + 2 * margin);
      int totalH = Math.max(1, titleH + gridH);
      BufferedImage img = Pixels.blank(totalW, totalH, BACKGROUND);

      if (!title.isEmpty()) {
        int tx = (totalW - font.textWidth(title, titleScale)) / 2;
        font.draw(img, title, tx, margin, TITLE_COLOUR, titleScale);
      }
      int left = (totalW - gridW) / 2;
      for (int i = 0; i < n; i++) {
        int x = left + gap + (i % cols) * (cellW + gap);
        int y = titleH + gap + (i / cols) * (slotH + gap);
        Cell cell = cells.get(i);
        if (gap >= 2) {
          Pixels.strokeRect(img, x - 1, y - 1, cellW + 2, cellH + 2, FRAME);
        }
        paint(img, cell.pixels(), x, y);
        int ty = y + cellH + CAPTION_PAD;
        for (String line : captions.get(i)) {
          int tx = x + (cellW - font.textWidth(line, captionScale)) / 2;
          font.draw(img, line, tx, ty, cell.rgb(), captionScale);
          ty += captionAdvance;
        }
      }
      return img;
    }

    /** Draws the grid and writes it as a PNG file; see {@link Png#write}. */
    public void write(Path png) {
      Png.write(build(), png);
    }

    private int captionScale(int cellW) {
      if (scale < 3) {
        return 1;
      }
      for (Cell cell : cells) {
        if (font.textWidth(cell.caption(), 2) > cellW) {
          return 1;
        }
      }
      return 2;
    }

    private void paint(BufferedImage img, float[] pixels, int x0, int y0) {
      float span = high - low;
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          float v = pixels[r * width + c];
          float t = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, (v - low) / span));
          int g = Math.round(t * 255f);
          Pixels.fillRect(img, x0 + c * scale, y0 + r * scale, scale, scale, g * 0x010101);
        }
      }
    }

    private List<String> wrap(String text, int maxWidth, int textScale) {
      List<String> lines = new ArrayList<>();
      if (text.isEmpty()) {
        return lines;
      }
      String current = "";
      for (String token : text.split("(?<=[ /-])")) {
        String candidate = current + token;
        if (current.isEmpty()
            || lines.size() >= MAX_CAPTION_LINES - 1
            || font.textWidth(candidate.strip(), textScale) <= maxWidth) {
          current = candidate;
        } else {
          lines.add(current.strip());
          current = token;
        }
      }
      lines.add(current.strip());
      lines.replaceAll(line -> font.truncate(line, maxWidth, textScale));
      return lines;
    }
  }

  private record Cell(float[] pixels, String caption, int rgb) {}
}
