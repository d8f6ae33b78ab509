package dev.zoo.gan;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;

/**
 * Translates a seed for a GAN generator: standard normal noise {@code (latent_dim)} from the seed,
 * the same on every engine (with the one-hot class appended for a conditional model), batched by
 * DJL to {@code (N, latent_dim + classes)}; the generator's image {@code (1, H, W)} in [-1, 1]
 * becomes an 8-bit grey {@link Image} of {@code (p + 1) / 2}, clipped to [0, 1].
 */
final class SeedTranslator implements Translator<Integer, Image> {

  private final int latent;
  private final int classes;
  private final int label;
  private final int height;
  private final int width;

  SeedTranslator(int latent, int classes, int label, int height, int width) {
    this.latent = latent;
    this.classes = classes;
    this.label = label;
    this.height = height;
    this.width = width;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Integer seed) {
    float[] input = new float[latent + classes];
    System.arraycopy(FixedNoise.gaussian(latent, seed), 0, input, 0, latent);
    if (classes > 0) {
      input[latent + label] = 1f;
    }
    return new NDList(ctx.getNDManager().create(input));
  }

  @Override
  public Image processOutput(TranslatorContext ctx, NDList list) {
    float[] pixels = list.singletonOrThrow().toFloatArray();
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float p = Math.max(0f, Math.min(1f, (pixels[y * width + x] + 1f) / 2f));
        grey.getRaster().setSample(x, y, 0, Math.round(p * 255f));
      }
    }
    return ImageFactory.getInstance().fromImage(grey);
  }
}
