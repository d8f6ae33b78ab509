package dev.zoo.gan;

import ai.djl.ndarray.types.Shape;
import dev.zoo.api.ImageSampling;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.InvalidSettingException;
import dev.zoo.api.data.Images;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.model.ModelLoader;
import dev.zoo.api.model.OnnxModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zoo generate gan}: checks the request ({@code --count}, {@code --format}, {@code --out},
 * {@code --class}) against the checkpoint, then writes samples drawn with the context's seed; and
 * {@code zoo export gan}, which writes the generator as an ONNX file.
 */
final class Sampling {

  private Sampling() {}

  /**
   * Draws and writes the samples {@code request} asks for.
   *
   * @throws InvalidSettingException for a bad option, an output that cannot be written, or a class
   *     the model does not know or cannot be asked for
   * @throws dev.zoo.api.common.CheckpointException when the checkpoint is missing, corrupted or of
   *     another family
   */
  static Report generate(GanFamily family, ModelRequest request, RunContext context) {
    ImageSampling sampling = ImageSampling.from(request, "a GAN", "class");
    if (OnnxModels.isOnnx(request.checkpoint())) {
      return GanOnnx.generate(family, sampling, request, context);
    }
    Checkpoint cp = Checkpoint.open(request.checkpoint(), GanFamily.NAME);
    String variant = cp.info().variant();
    Integer label =
        request.has("class") ? classIndex(variant, cp, request.text("class", "")) : null;
    long seed = context.seed();
    try (ImageGenerator model = ModelLoader.load(family, cp, context, ImageGenerator::new)) {
      Images images =
          label == null
              ? model.sample(sampling.count(), seed)
              : model.sample(sampling.count(), seed, label);
      return written(sampling, images, cp.dir().toString(), variant, model.labels(), label, seed);
    }
  }

  /**
   * Writes {@code images} drawn from {@code source} (a checkpoint or an ONNX file) of {@code
   * variant}, of class {@code label} (or null) of {@code labels}, and reports them.
   */
  static Report written(
      ImageSampling sampling,
      Images images,
      String source,
      String variant,
      List<String> labels,
      Integer label,
      long seed) {
    String what = label == null ? "" : " of class " + labels.get(label) + " (" + label + ")";
    int columns = GanFamily.isConditional(variant) ? labels.size() : ImageGrid.DEFAULT_COLUMNS;
    Report written = sampling.write(GanFamily.NAME + "/" + variant, images, columns, what, seed);
    Map<String, Object> json = new LinkedHashMap<>(written.data());
    json.put("checkpoint", source);
    json.put("variant", variant);
    json.put("class", label == null ? null : labels.get(label));
    return new Report(written.text(), json);
  }

  /**
   * Writes the generator as an ONNX file: noise {@code (N, latent_dim)} (a conditional model's
   * one-hot class {@code (N, classes)} appended) to images {@code (N, 1, H, W)} in [-1, 1].
   *
   * @throws InvalidSettingException for a missing output folder or an option it does not take
   */
  static Report export(GanFamily family, ModelRequest request, RunContext context) {
    request.allowOnly("zoo export gan");
    Checkpoint cp = Checkpoint.open(request.checkpoint(), GanFamily.NAME);
    try (ImageGenerator model = ModelLoader.load(family, cp, context, ImageGenerator::new)) {
      int classes = model.conditional() ? model.labels().size() : 0;
      return OnnxModels.export(
          model,
          cp,
          model.nets().generator().block(),
          new Shape(model.latent() + classes),
          "generator",
          request);
    }
  }

  /**
   * The class index that {@code label} (a name, in any case, or an index) names in the checkpoint's
   * classes.
   *
   * @throws InvalidSettingException when the model is not conditional or has no such class
   */
  static int classIndex(String variant, Checkpoint cp, String label) {
    return classIndex(variant, "Checkpoint " + cp.dir(), cp.info().labels(), label);
  }

  /**
   * The class index that {@code label} names in {@code labels}, the classes of a model of {@code
   * variant} that {@code where} (e.g. {@code Checkpoint runs/x}) holds.
   *
   * @throws InvalidSettingException when the model is not conditional or has no such class
   */
  static int classIndex(String variant, String where, List<String> labels, String label) {
    if (!GanFamily.isConditional(variant)) {
      throw new InvalidSettingException(
          where
              + " holds an unconditional gan/"
              + variant
              + " model; --class needs a cdcgan model.");
    }
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
    throw new InvalidSettingException(
        "Unknown class '"
            + label
            + "'; the model knows "
            + String.join(", ", labels)
            + " (or an index from 0 to "
            + (labels.size() - 1)
            + ").");
  }
}
