package dev.zoo.api;

import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.Images;
import dev.zoo.api.image.ImageGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code zoo generate} for image generators, read and checked before anything is
 * loaded, and the writing of the samples: one PNG grid ({@code --format grid}, the default) or one
 * PNG file per image into a folder ({@code --format png}).
 *
 * @param count how many images, at least 1
 * @param singles one file per image rather than a grid
 * @param out the grid's file or the images' folder
 */
public record ImageSampling(int count, boolean singles, Path out) {

  /** Images drawn when {@code --count} is not given. */
  public static final int DEFAULT_COUNT = 64;

  /**
   * Reads {@code --count}, {@code --format} and {@code --out} from {@code request}, refusing other
   * options than {@code extra} and outputs that cannot be written.
   *
   * @param what the command and model, for messages, e.g. {@code "a GAN"}
   * @param extra further options the family takes (e.g. {@code class})
   * @throws InvalidSettingException for a bad count, format or output path
   */
  public static ImageSampling from(ModelRequest request, String what, String... extra) {
    List<String> allowed = new ArrayList<>(List.of("count", "format"));
    allowed.addAll(List.of(extra));
    request.allowOnly(what + ", which draws images", allowed.toArray(String[]::new));
    int count = request.positiveInt("count", DEFAULT_COUNT);
    String format = request.text("format", "grid");
    if (!format.equals("grid") && !format.equals("png")) {
      throw new InvalidSettingException("Format must be 'grid' or 'png', not '" + format + "'.");
    }
    boolean singles = format.equals("png");
    Path out = request.out() != null ? request.out() : Path.of(singles ? "samples" : "samples.png");
    if (singles && Files.exists(out) && !Files.isDirectory(out)) {
      throw new InvalidSettingException(
          "Output " + out + " is a file; --format png writes one file per image into a folder.");
    }
    if (!singles && Files.isDirectory(out)) {
      throw new InvalidSettingException(
          "Output " + out + " is a folder; name a PNG file, or use --format png.");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (!singles && parent != null && !Files.isDirectory(parent)) {
      throw new InvalidSettingException(
          "Cannot write " + out + ": folder " + parent + " does not exist.");
    }
    return new ImageSampling(count, singles, out);
  }

  /**
   * Writes {@code images} as this request asks and reports it.
   *
   * @param model e.g. {@code gan/dcgan}
   * @param columns the grid's columns (e.g. one per class), or 0 for about a square
   * @param what words after "images", e.g. {@code " of class Bag"}, or empty
   * @param seed the seed the images were drawn with
   */
  public Report write(String model, Images images, int columns, String what, long seed) {
    List<String> files = new ArrayList<>();
    if (singles) {
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new InvalidSettingException(
            "Cannot create folder " + out + ": " + e.getMessage() + ".", e);
      }
      for (int i = 0; i < images.size(); i++) {
        Path file = out.resolve(String.format(Locale.ROOT, "sample-%04d.png", i));
        ImageGrid.builder(images.height(), images.width())
            .scale(1)
            .gap(0)
            .add(images.pixels().get(i))
            .write(file);
        files.add(file.toString());
      }
    } else {
      ImageGrid.builder(images.height(), images.width())
          .columns(columns > 0 ? columns : (int) Math.ceil(Math.sqrt(images.size())))
          .scale(3)
          .title(String.format(Locale.ROOT, "%s, %d samples%s, seed %d", model, count, what, seed))
          .addAll(images.pixels())
          .write(out);
      files.add(out.toString());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("count", images.size());
    json.put("seed", seed);
    json.put("out", out.toString());
    json.put("files", files);
    String text =
        singles
            ? String.format(
                Locale.ROOT, "Wrote %d images%s from %s into %s.%n", count, what, model, out)
            : String.format(
                Locale.ROOT,
                "Wrote a grid of %d images%s from %s to %s.%n",
                count,
                what,
                model,
                out);
    return new Report(text, json);
  }
}
