package dev.zoo.gan;

import dev.zoo.api.Report;
import dev.zoo.api.checkpoint.Checkpoint;
import dev.zoo.api.data.DataSplits;
import dev.zoo.api.train.EpochResult;
import dev.zoo.api.train.TrainingSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What {@code zoo train gan} and {@code zoo run gan} print at the end of a run. */
final class TrainReport {

  private TrainReport() {}

  static Report of(String variant, DataSplits data, int images, TrainingSummary summary) {
    Path run = summary.runDir();
    EpochResult last = summary.last();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Trained gan/%s to epoch %d in %.1f s on %d images%s.%n",
            variant,
            summary.completedEpochs(),
            summary.seconds(),
            images,
            data.embedded() ? " of the embedded sample" : ""));
    Map<String, Double> m = last == null ? Map.of() : last.metrics();
    if (last != null) {
      text.append(
          String.format(
              Locale.ROOT,
              "Last epoch: D loss %.3f, G loss %.3f, D(x) %.3f, D(G(z)) %.3f, discriminator"
                  + " accuracy %.3f, %,.0f images/s.%n",
              m.get("train_d_loss"),
              m.get("train_g_loss"),
              m.get("train_d_real"),
              m.get("train_d_fake"),
              m.get("train_d_accuracy"),
              last.examplesPerSecond()));
    }
    text.append("Run directory: ").append(run).append('\n');
    text.append("  samples      ").append(run.resolve(GanTraining.SAMPLES_PNG)).append('\n');
    text.append("  per epoch    ").append(run.resolve("samples-epoch-NNN.png")).append('\n');
    text.append("  checkpoint   ").append(run.resolve(Checkpoint.DIR)).append('\n');
    text.append("  metrics      ").append(run.resolve("metrics.jsonl")).append('\n');
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", GanFamily.NAME);
    json.put("variant", variant);
    json.put("epochs", summary.completedEpochs());
    json.put("images", images);
    json.put("images_per_s", last == null ? null : last.examplesPerSecond());
    json.put("seconds", summary.seconds());
    json.put("run_dir", run.toString());
    json.put("samples", run.resolve(GanTraining.SAMPLES_PNG).toString());
    json.put("checkpoint", summary.checkpoint().toString());
    json.put("data", data.origin());
    json.put("history", GanFamily.history(summary));
    return new Report(text.toString(), json);
  }
}
