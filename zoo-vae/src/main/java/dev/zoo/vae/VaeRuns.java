package dev.zoo.vae;

import dev.zoo.api.GenerateRequest;
import dev.zoo.api.Report;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.common.Hyperparameters;
import dev.zoo.api.common.ZooException;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.image.ImageGrid;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The command-line side of the VAE family's actions: checks of requests and their reports. */
final class VaeRuns {

  private static final int DEFAULT_COUNT = 64;
  private static final Path DEFAULT_GRID = Path.of("vae-samples.png");
  private static final Path DEFAULT_FOLDER = Path.of("vae-samples");

  private VaeRuns() {}

  static Report trainReport(
      String variant, Hyperparameters hp, DataSplits data, TrainingSummary summary) {
    Path run = summary.runDir();
    EpochResult last = summary.last();
    Map<String, Double> m = last.metrics();
    String holdout = hp.get("holdout_class");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained vae/%s to epoch %d in %.1f s%s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            data.embedded() ? " on the embedded sample" : ""));
    text.append(
        String.format(
            Locale.ROOT,
            "Test negative ELBO %.2f nats per image (reconstruction %.2f, KL %.2f), %,.0f images/s"
                + " in training.%n",
            m.get("test_negative_elbo"),
            m.get("test_reconstruction"),
            m.get("test_kl"),
            last.examplesPerSecond()));
    if (m.containsKey("holdout_auc")) {
      text.append(
          String.format(
              Locale.ROOT,
              "Held-out class %s: the negative ELBO tells it from the other classes with ROC-AUC"
                  + " %.4f on the test set.%n",
              holdout,
              m.get("holdout_auc")));
    }
    text.append("Run directory: ").append(run).append('\n');
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("checkpoint", run.resolve(Checkpoint.DIR));
    files.put("metrics", run.resolve("metrics.jsonl"));
    for (String png : VaePictures.names()) {
      if (Files.isRegularFile(run.resolve(png))) {
        files.put(png.replace(".png", "").replace('-', ' '), run.resolve(png));
      }
    }
    files.forEach(
        (name, path) ->
            text.append(String.format(Locale.ROOT, "  %-18s %s%n", name, path.toString())));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", VaeFamily.NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    json.put("negative_elbo", m.get("test_negative_elbo"));
    json.put("reconstruction", m.get("test_reconstruction"));
    json.put("kl", m.get("test_kl"));
    if (m.containsKey("holdout_auc")) {
      json.put("holdout_class", holdout);
      json.put("holdout_auc", m.get("holdout_auc"));
    }
    json.put("images_per_s", last.examplesPerSecond());
    json.put("seconds", summary.seconds());
    json.put("run_dir", run.toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", data.origin());
    json.put(
        "history",
        summary.epochs().stream()
            .map(
                r -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("epoch", r.epoch());
                  row.putAll(r.metrics());
                  row.put("images_per_s", r.examplesPerSecond());
                  return row;
                })
            .toList());
    return new Report(text.toString(), json);
  }

  static Report evaluateReport(VariationalAutoencoder model, Checkpoint cp, DataSplits data) {
    String holdout = model.hyperparameters().get("holdout_class");
    int heldOut = Holdout.resolve(holdout, data.test().classNames());
    TestResult result = TestResult.measure(model, data.test(), heldOut);
    ElboTerms terms = result.terms();
    Map<String, Object> json = new LinkedHashMap<>(terms.toMap());
    json.put("images", result.images());
    if (result.holdoutAuc() != null) {
      json.put("holdout_class", data.test().classNames().get(heldOut));
      json.put("holdout_auc", result.holdoutAuc());
    }
    json.put("checkpoint", cp.dir().toString());
    json.put("variant", model.variant());
    json.put("engine", model.engine().backend().name());
    json.put("data", data.origin());
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Evaluated vae/%s from %s on %d test images%s.%n",
            model.variant(),
            cp.dir(),
            result.images(),
            heldOut >= 0 ? " of the classes it was trained on" : ""));
    text.append(
        String.format(
            Locale.ROOT,
            "negative ELBO  %.3f nats per image%nreconstruction %.3f%nKL             %.3f%n",
            terms.negativeElbo(),
            terms.reconstruction(),
            terms.kl()));
    if (result.holdoutAuc() != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "held-out class %s: ROC-AUC %.4f%n",
              data.test().classNames().get(heldOut),
              result.holdoutAuc()));
    }
    return new Report(text.toString(), json);
  }

  /** Reads every input image at the checkpoint's size before a model is loaded for them. */
  static List<float[]> readImages(Checkpoint cp, List<String> inputs) {
    List<Integer> shape = cp.info().inputShape();
    List<float[]> images = new ArrayList<>();
    for (String input : inputs) {
      images.add(ImageFiles.read(Path.of(input), shape.get(1), shape.get(2)));
    }
    return images;
  }

  static Report encodeReport(
      VariationalAutoencoder model, Checkpoint cp, List<String> inputs, List<float[]> images) {
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String input = inputs.get(i);
      float[] mean = model.encode(images.get(i));
      StringJoiner values = new StringJoiner(", ", "[", "]");
      List<Double> list = new ArrayList<>();
      for (float v : mean) {
        values.add(String.format(Locale.ROOT, "%.4f", v));
        list.add((double) v);
      }
      text.append(input).append(": ").append(values).append('\n');
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", input);
      row.put("mean", list);
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("latent_dim", model.latentDim());
    json.put("codes", rows);
    return new Report(text.toString(), json);
  }

  static Report scoreReport(
      VariationalAutoencoder model, Checkpoint cp, List<String> inputs, List<float[]> images) {
    record Scored(String file, ElboTerms terms) {}
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      scored.add(new Scored(inputs.get(i), model.score(images.get(i))));
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> s.terms().negativeElbo()).reversed());
    StringBuilder text = new StringBuilder("negative ELBO (nats; higher looks more unusual):\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Scored s : scored) {
      text.append(
          String.format(
              Locale.ROOT,
              "%10.2f  (reconstruction %.2f, KL %.2f)  %s%n",
              s.terms().negativeElbo(),
              s.terms().reconstruction(),
              s.terms().kl(),
              s.file()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", s.file());
      row.putAll(s.terms().toMap());
      rows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("scores", rows);
    return new Report(text.toString(), json);
  }

  /** Refuses, in one sentence, the generate options that a VAE does not take. */
  static void checkGenerateRequest(GenerateRequest request) {
    List<String> given = new ArrayList<>();
    if (request.label() != null) {
      given.add("--class");
    }
    if (request.prompt() != null) {
      given.add("--prompt");
    }
    if (request.length() != null) {
      given.add("--length");
    }
    if (request.temperature() != null) {
      given.add("--temperature");
    }
    if (request.topK() != null) {
      given.add("--top-k");
    }
    if (request.topP() != null) {
      given.add("--top-p");
    }
    if (!given.isEmpty()) {
      throw new ZooException(
          String.join(", ", given)
              + (given.size() == 1 ? " does" : " do")
              + " not apply to a VAE, which samples images from its prior; it takes --count,"
              + " --out and --format.");
    }
    Path out = out(request);
    boolean grid = !"png".equals(request.format());
    if (grid && Files.isDirectory(out)) {
      throw new ZooException("Output " + out + " is a folder; name a PNG file to write the grid.");
    }
    if (!grid && Files.exists(out) && !Files.isDirectory(out)) {
      throw new ZooException(
          "Output " + out + " is a file; --format png writes one file per image into a folder.");
    }
  }

  static Report generate(
      VariationalAutoencoder model, Checkpoint cp, GenerateRequest request, long seed) {
    int count = request.count() != null ? request.count() : DEFAULT_COUNT;
    Path out = out(request);
    List<float[]> images = model.sample(count, seed);
    List<String> written = new ArrayList<>();
    if ("png".equals(request.format())) {
      try {
        Files.createDirectories(out);
      } catch (IOException e) {
        throw new ZooException("Cannot create folder " + out + ": " + e.getMessage() + ".", e);
      }
      for (int i = 0; i < count; i++) {
        Path file = out.resolve(String.format(Locale.ROOT, "sample-%03d.png", i + 1));
        ImageGrid.builder(model.height(), model.width())
            .scale(1)
            .gap(0)
            .add(images.get(i))
            .write(file);
        written.add(file.toString());
      }
    } else {
      ImageGrid.builder(model.height(), model.width())
          .columns((int) Math.ceil(Math.sqrt(count)))
          .scale(2)
          .title(count + " samples from the prior of vae/" + model.variant())
          .addAll(images)
          .write(out);
      written.add(out.toString());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", cp.dir().toString());
    json.put("count", count);
    json.put("seed", seed);
    json.put("files", written);
    String text =
        String.format(
            Locale.ROOT,
            "Sampled %d images from the prior of vae/%s (seed %d) into %s.%n",
            count,
            model.variant(),
            seed,
            out);
    return new Report(text, json);
  }

  private static Path out(GenerateRequest request) {
    if (request.out() != null) {
      return request.out();
    }
    return "png".equals(request.format()) ? DEFAULT_FOLDER : DEFAULT_GRID;
  }
}
