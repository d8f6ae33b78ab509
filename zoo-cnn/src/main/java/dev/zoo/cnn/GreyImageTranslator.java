package dev.zoo.cnn;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.zoo.api.data.ImageFolderReader;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a DJL {@link Image} for a CNN classifier: luminance in [0, 1], resized to the model's
 * {@code height x width} by {@link ImageFolderReader#toGrey}, as {@code (1, H, W)} (DJL's
 * batchifier stacks it to {@code (N, 1, H, W)}); the logits {@code (classes)} become softmax
 * probabilities, the same as {@link ImageClassifier#predict(float[], int)}.
 */
final class GreyImageTranslator implements Translator<Image, Classifications> {

  private final int height;
  private final int width;
  private final List<String> labels;

  GreyImageTranslator(int height, int width, List<String> labels) {
    this.height = height;
    this.width = width;
    this.labels = List.copyOf(labels);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Image input) {
    float[] grey = ImageFolderReader.toGrey(buffered(input, ctx.getNDManager()), height, width);
    return new NDList(
        ctx.getNDManager()
            .create(FloatBuffer.wrap(grey), new Shape(1, height, width), DataType.FLOAT32));
  }

  @Override
  public Classifications processOutput(TranslatorContext ctx, NDList list) {
    float[] p = list.singletonOrThrow().softmax(0).toFloatArray();
    List<Double> probabilities = new ArrayList<>(p.length);
    for (float v : p) {
      probabilities.add((double) v);
    }
    return new Classifications(labels, probabilities);
  }

  /** The image as a {@link BufferedImage}, drawn pixel by pixel if DJL wraps another kind. */
  private static BufferedImage buffered(Image image, NDManager manager) {
    if (image.getWrappedImage() instanceof BufferedImage b) {
      return b;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR);
    int[] rgb = hwc.toType(DataType.INT32, false).toIntArray();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        copy.setRGB(x, y, (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]);
      }
    }
    return copy;
  }
}
