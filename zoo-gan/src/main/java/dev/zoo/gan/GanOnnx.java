package dev.zoo.gan;

import dev.zoo.api.ImageSampling;
import dev.zoo.api.ModelRequest;
import dev.zoo.api.Report;
import dev.zoo.api.RunContext;
import dev.zoo.api.checkpoint.CheckpointInfo;
import dev.zoo.api.data.Images;
import dev.zoo.api.model.OnnxModels;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code zoo generate gan --checkpoint generator.onnx}: the exported generator on ONNX Runtime
 * draws, from the same seed, the images the checkpoint draws ({@link ImageGenerator#sample}): the
 * same noise, the same classes, {@code (tanh + 1) / 2} in [0, 1].
 */
final class GanOnnx {

  private static final int BATCH = 256;

  private GanOnnx() {}

  static Report generate(
      GanFamily family, ImageSampling sampling, ModelRequest request, RunContext context) {
    long seed = context.seed();
    try (OnnxModels.Opened onnx = OnnxModels.open(family, request.checkpoint(), context)) {
      CheckpointInfo info = onnx.info();
      String variant = info.variant();
      Integer label =
          request.has("class")
              ? Sampling.classIndex(
                  variant, "File " + request.checkpoint(), info.labels(), request.text("class", ""))
              : null;
      boolean conditional = GanFamily.isConditional(variant);
      Images images =
          draw(onnx, sampling.count(), seed, conditional ? info.labels().size() : 0, label);
      String source = request.checkpoint().toString();
      return Sampling.written(sampling, images, source, variant, info.labels(), label, seed);
    }
  }

  /**
   * {@code count} images from the exported generator with {@code seed}'s noise: of class {@code
   * label}, or cycling through the {@code classes} of a conditional model (0: unconditional).
   */
  static Images draw(OnnxModels.Opened onnx, int count, long seed, int classes, Integer label) {
    int width = (int) onnx.input().get(0);
    int latent = width - classes;
    float[] noise = FixedNoise.gaussian(count * latent, seed);
    List<Integer> shape = onnx.info().inputShape();
    int h = shape.get(1);
    int w = shape.get(2);
    List<float[]> images = new ArrayList<>(count);
    for (int from = 0; from < count; from += BATCH) {
      int n = Math.min(BATCH, count - from);
      float[] input = new float[n * width];
      for (int i = 0; i < n; i++) {
        System.arraycopy(noise, (from + i) * latent, input, i * width, latent);
        if (classes > 0) {
          input[i * width + latent + (label != null ? label : (from + i) % classes)] = 1f;
        }
      }
      float[] pixels = onnx.network().run(input, n, onnx.input()).values();
      for (int i = 0; i < n; i++) {
        float[] image = new float[h * w];
        for (int p = 0; p < image.length; p++) {
          image[p] = Math.max(0f, Math.min(1f, (pixels[i * h * w + p] + 1f) / 2f));
        }
        images.add(image);
      }
    }
    return new Images(h, w, images);
  }
}
