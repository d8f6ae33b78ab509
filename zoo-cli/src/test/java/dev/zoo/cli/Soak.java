package dev.zoo.cli;

import dev.zoo.api.model.BaseModel;
import dev.zoo.api.text.CharVocabulary;
import dev.zoo.api.text.TokenSampler;
import dev.zoo.cnn.ImageClassifier;
import dev.zoo.gan.ImageGenerator;
import dev.zoo.rnn.CharLanguageModel;
import dev.zoo.tabular.TabularClassifier;
import dev.zoo.transformer.LanguageModel;
import dev.zoo.vae.VariationalAutoencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Many predictions and generations on one loaded model of a family, through the application API
 * only, printing the process's resident memory ({@code VmRSS} of {@code /proc/self/status}) after
 * every {@value #EVERY} calls (every tenth of the calls when there are fewer than 100,000): a leak
 * of native or Java memory per call shows as steady growth. {@code bench/soak.sh} runs it for every
 * family.
 *
 * <p>What a call is, per family: {@code cnn} and {@code tabular} predict the top 3 classes of one
 * image or row; {@code vae} encodes one image (a prediction) and samples one image from a seed (a
 * generation); {@code gan} samples one image from a seed (its only verb, so both counts are
 * samples); {@code rnn} ({@code fortunes/char-lstm}) scores bits per character of a 101-character
 * text (a prediction) and generates 20 characters (a generation); {@code transformer} does the same
 * with a seeded untrained {@code char-gpt} (no pretrained one ships). Inputs are seeded random.
 */
final class Soak {

  private static final int EVERY = 10_000;

  private Soak() {}

  /** {@code FAMILY [PREDICTIONS [GENERATIONS]]}, defaults 100,000 and 5,000. */
  public static void main(String[] args) throws IOException {
    String family = args[0];
    int predictions = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int generations = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    Random random = new Random(7);
    System.out.printf(Locale.ROOT, "%s: start, resident %d MB%n", family, residentMb());
    switch (family) {
      case "cnn" -> {
        try (ImageClassifier m = ImageClassifier.pretrained("fashion-mnist/simple-cnn")) {
          float[][] images = images(random, m.height() * m.width());
          run(m, "predict", predictions, i -> m.predict(images[i % images.length], 3));
        }
      }
      case "tabular" -> {
        try (TabularClassifier m = TabularClassifier.pretrained("breast-cancer/mlp")) {
          float[][] rows = new float[64][m.columns().size()];
          for (float[] row : rows) {
            for (int c = 0; c < row.length; c++) {
              row[c] = (float) (random.nextGaussian() * 10 + 10);
            }
          }
          run(m, "predict", predictions, i -> m.predict(rows[i % rows.length], 3));
        }
      }
      case "vae" -> {
        try (VariationalAutoencoder m =
            VariationalAutoencoder.pretrained("fashion-mnist/conv-vae")) {
          float[][] images = images(random, m.height() * m.width());
          run(m, "encode", predictions, i -> m.encode(images[i % images.length]));
          run(m, "sample", generations, i -> m.sample(1, i));
        }
      }
      case "gan" -> {
        try (ImageGenerator m = ImageGenerator.pretrained("fashion-mnist/dcgan")) {
          run(m, "sample", predictions, i -> m.sample(1, i));
          run(m, "sample", generations, i -> m.sample(1, i));
        }
      }
      case "rnn" -> {
        try (CharLanguageModel m = CharLanguageModel.pretrained("fortunes/char-lstm")) {
          text(m, predictions, generations);
        }
      }
      case "transformer" -> {
        try (LanguageModel m =
            LanguageModel.builder()
                .variant("char-gpt")
                .seed(5)
                .tokenizer(CharVocabulary.of("abcdefghijklmnopqrstuvwxyz .\n"))
                .build()) {
          text(m, predictions, generations);
        }
      }
      default -> throw new IllegalArgumentException("Unknown family " + family);
    }
  }

  private static void text(dev.zoo.api.model.TextGenerator m, int predictions, int generations)
      throws IOException {
    String text = "the quick brown fox jumps over the lazy dog. ".repeat(3).substring(0, 101);
    String[] prompts = {"the ", "a ", "you will ", "love "};
    run(
        (BaseModel<?>) m,
        "score",
        predictions,
        i -> m.bitsPerCharacter(text.substring(i % 5) + text.substring(0, i % 5)));
    run(
        (BaseModel<?>) m,
        "generate",
        generations,
        i -> m.generate(prompts[i % prompts.length], 20, new TokenSampler(0.8, 20, 1.0, i)));
  }

  private static float[][] images(Random random, int pixels) {
    float[][] images = new float[64][pixels];
    for (float[] image : images) {
      for (int p = 0; p < pixels; p++) {
        image[p] = random.nextFloat();
      }
    }
    return images;
  }

  private static void run(BaseModel<?> model, String verb, int calls, IntConsumer call)
      throws IOException {
    long start = System.nanoTime();
    int every = Math.max(1, Math.min(EVERY, calls / 10));
    for (int i = 0; i < calls; i++) {
      call.accept(i);
      if ((i + 1) % every == 0) {
        System.out.printf(
            Locale.ROOT,
            "%s %s on %s: %,d calls, resident %d MB, %.1f s%n",
            model.family(),
            verb,
            model.engine().backend().name(),
            i + 1,
            residentMb(),
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** The process's resident memory in MB, from {@code VmRSS} in {@code /proc/self/status}. */
  static long residentMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("/proc/self/status has no VmRSS line");
  }
}
