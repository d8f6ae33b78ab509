package dev.zoo.gan;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code zoo generate gan}: checks the request against the checkpoint, then writes samples. */
final class Sampling {

  static final int DEFAULT_COUNT = 64;

  private Sampling() {}

  static Report generate(GanFamily family, GenerateRequest request, RunContext context) {
    if (request.prompt() != null || request.length() != null) {
      throw new ZooException("A GAN draws images; --prompt and --length do not apply.");
    }
    if (request.temperature() != null || request.topK() != null || request.topP() != null) {
      throw new ZooException(
          "A GAN draws images; --temperature, --top-k and --top-p do not apply.");
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), GanFamily.NAME);
    String variant = cp.info().variant();
    Integer label = request.label() == null ? null : classIndex(variant, cp, request.label());
    int count = request.count() == null ? DEFAULT_COUNT : request.count();
    boolean singles = "png".equals(request.format());
    Path out = checkOut(request.out(), singles);
    EngineChoice choice =
        context.chooseEngine("running gan/" + variant, family.inferenceNeeds(variant));
    long seed = context.seed();
    try (ImageGenerator model = ImageGenerator.load(cp, choice)) {
      float[][] images =
          label == null ? model.generate(count, seed) : model.generate(count, seed, label);
      String what =
          label == null ? "" : " of class " + model.labels().get(label) + " (" + label + ")";
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("checkpoint", cp.dir().toString());
      json.put("variant", variant);
      json.put("count", count);
      json.put("seed", seed);
      json.put("class", label == null ? null : model.labels().get(label));
      String text;
      if (singles) {
        List<Path> files = SampleImages.singles(model, images, out, "sample");
        json.put("files", files.stream().map(Path::toString).toList());
        text = String.format(Locale.ROOT, "Wrote %d images%s into %s.%n", count, what, out);
      } else {
        String title =
            String.format(Locale.ROOT, "gan/%s, %d samples%s, seed %d", variant, count, what, seed);
        SampleImages.grid(model, images, title).write(out);
        text = String.format(Locale.ROOT, "Wrote a grid of %d images%s to %s.%n", count, what, out);
      }
      json.put("out", out.toString());
      return new Report(text, json);
    }
  }

  /** The class index that {@code label} (a name or an index) names in the checkpoint's classes. */
  static int classIndex(String variant, Checkpoint cp, String label) {
    if (!GanFamily.isConditional(variant)) {
      throw new ZooException(
          "Checkpoint "
              + cp.dir()
              + " holds an unconditional gan/"
              + variant
              + " model; --class needs a cdcgan model.");
    }
    List<String> labels = cp.info().labels();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(label.trim())) {
        return i;
      }
    }
    if (label.trim().matches("-?\\d+")) {
      int index = Integer.parseInt(label.trim());
      if (index >= 0 && index < labels.size()) {
        return index;
      }
    }
    throw new ZooException(
        "Unknown class '"
            + label
            + "'; the model knows "
            + String.join(", ", labels)
            + " (or an index from 0 to "
            + (labels.size() - 1)
            + ").");
  }

  private static Path checkOut(Path out, boolean singles) {
    if (out == null) {
      throw new ZooException(
          singles
              ? "Name a folder for the images with --out DIR."
              : "Name the PNG file to write with --out FILE.png.");
    }
    if (singles && Files.exists(out) && !Files.isDirectory(out)) {
      throw new ZooException("Output " + out + " is a file; --format png needs a folder.");
    }
    if (!singles && Files.isDirectory(out)) {
      throw new ZooException(
          "Output " + out + " is a folder; name a PNG file, or use --format png.");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (!singles && parent != null && !Files.isDirectory(parent)) {
      throw new ZooException("Cannot write " + out + ": folder " + parent + " does not exist.");
    }
    return out;
  }
}
